using System.Globalization;

namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>
/// Picks which unlabelled items a human labels next, under a human budget, and says why for each. Pure and
/// deterministic: the same candidates (in any order), policy, budget and seed give the same picks; equal scores go to the
/// smaller item id. Candidates a strategy cannot score are not picked by it: uncertainty needs <see cref="Candidate.Light"/>,
/// disagreement both predictions, the diversity strategies an embedding (use Random or KCenterGreedy before any head exists).
/// </summary>
public static class ActiveLearningSelector
{
    /// <param name="candidates">The unlabelled items to choose from (ids must be distinct).</param>
    /// <param name="budget">How many items to pick at most.</param>
    /// <param name="seed">Seeds Random and the first k-center pick when nothing is labelled yet.</param>
    /// <param name="labelled">Embeddings of the items already labelled: the centres k-center starts from.</param>
    public static IReadOnlyList<Selection> Select(
        IReadOnlyList<Candidate> candidates, SelectionPolicy policy, int budget, int seed, IReadOnlyList<ReadOnlyMemory<float>>? labelled = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        policy.Validate();
        CheckDistinct(candidates);
        labelled ??= [];
        if (budget == 0 || candidates.Count == 0)
        {
            return [];
        }

        return policy.Strategy switch
        {
            SelectionStrategy.Random => SelectRandom(candidates, budget, seed),
            SelectionStrategy.LeastConfidence or SelectionStrategy.Margin or SelectionStrategy.Entropy =>
                SelectUncertain(candidates, policy.Strategy, budget),
            SelectionStrategy.Disagreement => SelectDisagreement(candidates, policy.SecondTierName, budget),
            SelectionStrategy.KCenterGreedy => SelectDiverse(candidates.Where(HasEmbedding).ToList(), labelled, budget, seed, null),
            _ => SelectUncertainDiverse(candidates, policy, labelled, budget, seed),
        };
    }

    /// <summary>
    /// Picks as many as <paramref name="budget"/>'s human allowance still permits (and at most <paramref name="maxItems"/>),
    /// reserving one human item per pick; the reason ends with the budget after the pick ("human 3/100"). Give each
    /// batch of a run its share from <see cref="BudgetPlanner.Split"/>, so the run as a whole never exceeds its budget.
    /// </summary>
    public static IReadOnlyList<Selection> Select(
        IReadOnlyList<Candidate> candidates, SelectionPolicy policy, CascadeBudget budget, int seed,
        IReadOnlyList<ReadOnlyMemory<float>>? labelled = null, int maxItems = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        var allowed = Math.Min(maxItems, budget.Limits.MaxHumanItems - budget.HumanItemsUsed);
        var picks = Select(candidates, policy, Math.Max(0, allowed), seed, labelled);
        var reserved = new List<Selection>(picks.Count);
        foreach (var pick in picks)
        {
            if (!budget.TryReserveHuman())
            {
                break;
            }

            reserved.Add(pick with { Reason = $"{pick.Reason}; human {budget.DescribeHuman()}" });
        }

        return reserved;
    }

    static List<Selection> SelectRandom(IReadOnlyList<Candidate> candidates, int budget, int seed)
    {
        // Sorted first, so the draw depends on the seed and the set of ids, never on the caller's order.
        var ids = candidates.Select(c => c.ItemId).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var take = Math.Min(budget, ids.Length);
        var picks = new List<Selection>(take);
        for (var i = 0; i < take; i++)
        {
            // A partial Fisher–Yates shuffle: the first `take` positions are a uniform draw without replacement.
            var j = random.Next(i, ids.Length);
            (ids[i], ids[j]) = (ids[j], ids[i]);
            picks.Add(new Selection(ids[i], 0, Format($"random: draw {i + 1} of {take} from {ids.Length} (seed {seed})")));
        }

        return picks;
    }

    static List<Selection> SelectUncertain(IReadOnlyList<Candidate> candidates, SelectionStrategy measure, int budget) =>
        RankUncertain(candidates, measure).Take(budget).Select(r => r.Selection).ToList();

    /// <summary>Every candidate with a light prediction, most uncertain first, each with its reason.</summary>
    static List<(Candidate Candidate, Selection Selection)> RankUncertain(IReadOnlyList<Candidate> candidates, SelectionStrategy measure)
    {
        var scored = candidates
            .Where(c => c.Light is not null)
            .Select(c => (Candidate: c, Score: Uncertainty.Score(measure, c.Light!)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Candidate.ItemId, StringComparer.Ordinal)
            .ToList();
        return scored.Select((s, rank) => (s.Candidate, new Selection(
            s.Candidate.ItemId,
            s.Score,
            Format($"{Uncertainty.Name(measure)} {Uncertainty.Value(measure, s.Candidate.Light!):0.000} (rank {rank + 1} of {scored.Count}; light '{s.Candidate.Light!.Label}' {s.Candidate.Light.Confidence:0.00})"))))
            .ToList();
    }

    static List<Selection> SelectDisagreement(IReadOnlyList<Candidate> candidates, string secondName, int budget)
    {
        var scored = candidates
            .Where(c => c.Light is not null && c.Second is not null)
            .Select(c => (Candidate: c, Score: Disagreement(c.Light!, c.Second!)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Candidate.ItemId, StringComparer.Ordinal)
            .ToList();
        return scored.Take(budget).Select((s, rank) =>
        {
            var (light, second) = (s.Candidate.Light!, s.Candidate.Second!);
            var verdict = string.Equals(light.Label, second.Label, StringComparison.Ordinal) ? "agree on label" : "disagreement";
            return new Selection(s.Candidate.ItemId, s.Score, Format(
                $"{verdict}: light '{light.Label}' {light.Confidence:0.00} vs {secondName} '{second.Label}' {second.Confidence:0.00}, total variation {s.Score:0.000} (rank {rank + 1} of {scored.Count})"));
        }).ToList();
    }

    /// <summary>
    /// Total variation distance ½ Σ |p − q| over the light tier's labels (a label the second tier lacks counts as 0 there):
    /// 0 when the tiers agree exactly, 1 when each is sure of a different label.
    /// </summary>
    public static double Disagreement(LabelPrediction light, LabelPrediction second)
    {
        ArgumentNullException.ThrowIfNull(light);
        ArgumentNullException.ThrowIfNull(second);
        var sum = 0.0;
        var matched = 0.0;
        for (var i = 0; i < light.Labels.Count; i++)
        {
            var j = IndexOf(second.Labels, light.Labels[i]);
            var q = j < 0 ? 0 : second.Probabilities[j];
            matched += q;
            sum += Math.Abs(light.Probabilities[i] - q);
        }

        // Probability the second tier puts on labels the light tier does not know is disagreement too.
        sum += Math.Max(0, 1 - matched);
        return sum / 2;
    }

    static List<Selection> SelectUncertainDiverse(
        IReadOnlyList<Candidate> candidates, SelectionPolicy policy, IReadOnlyList<ReadOnlyMemory<float>> labelled, int budget, int seed)
    {
        var ranked = RankUncertain(candidates.Where(HasEmbedding).ToList(), policy.Uncertainty);
        var pool = ranked.Take((int)Math.Min((long)budget * policy.DiversityPoolFactor, int.MaxValue)).ToList();
        var why = pool.ToDictionary(p => p.Candidate.ItemId, p => p.Selection.Reason, StringComparer.Ordinal);
        return SelectDiverse(pool.Select(p => p.Candidate).ToList(), labelled, budget, seed, why, $"among the {pool.Count} most uncertain");
    }

    static List<Selection> SelectDiverse(
        List<Candidate> eligible, IReadOnlyList<ReadOnlyMemory<float>> labelled, int budget, int seed,
        Dictionary<string, string>? prefix, string? among = null)
    {
        var picks = KCenterGreedy.Select(
            eligible.Select(c => c.Embedding!.Value).ToList(), eligible.Select(c => c.ItemId).ToList(), labelled, budget, seed);
        return picks.Select((p, i) =>
        {
            var id = eligible[p.Index].ItemId;
            var where = i == 0 && labelled.Count == 0
                ? Format($"k-center: seeded first pick (seed {seed}), nothing labelled yet")
                : Format($"k-center: farthest from labelled set{(i > 0 ? " and earlier picks" : "")}, distance {p.Distance:0.000}");
            var reason = prefix is null ? where : $"{prefix[id]}; {where} {among}";
            return new Selection(id, p.Distance, reason);
        }).ToList();
    }

    /// <summary>An empty embedding counts as none (a default <see cref="ReadOnlyMemory{T}"/> is empty).</summary>
    static bool HasEmbedding(Candidate candidate) => candidate.Embedding is { IsEmpty: false };

    static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    static void CheckDistinct(IReadOnlyList<Candidate> candidates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            ArgumentNullException.ThrowIfNull(candidate);
            if (!seen.Add(candidate.ItemId))
            {
                throw new ArgumentException($"Candidate '{candidate.ItemId}' appears more than once.", nameof(candidates));
            }
        }
    }

    static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

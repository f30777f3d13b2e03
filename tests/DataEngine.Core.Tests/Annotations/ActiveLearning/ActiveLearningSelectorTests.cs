using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Annotations.ActiveLearning;

public sealed class ActiveLearningSelectorTests
{
    static readonly string[] Labels = ["ham", "spam"];

    static LabelPrediction Spam(float p) => new(Labels, [1 - p, p]);

    static Candidate C(string id, float spam, float? second = null, float[]? embedding = null) =>
        new(id, Spam(spam), second is { } s ? Spam(s) : null, embedding is null ? (ReadOnlyMemory<float>?)null : embedding);

    static List<string> Ids(IEnumerable<Selection> picks) => [.. picks.Select(p => p.ItemId)];

    [Theory]
    [InlineData(SelectionStrategy.LeastConfidence)]
    [InlineData(SelectionStrategy.Margin)]
    [InlineData(SelectionStrategy.Entropy)]
    public void Uncertainty_strategies_pick_the_predictions_nearest_one_half(SelectionStrategy strategy)
    {
        var candidates = new[] { C("a", 0.95f), C("b", 0.55f), C("c", 0.10f), C("d", 0.48f), C("e", 0.70f) };

        var picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(strategy), budget: 3, seed: 0);

        Assert.Equal(["d", "b", "e"], Ids(picks));
    }

    [Fact]
    public void Margin_ties_go_to_the_smaller_item_id_and_the_reason_gives_the_margin_and_rank()
    {
        // Exact binary fractions, so equal margins are equal floats: 0.625/0.375 both have margin 0.25, 0.75/0.25 margin 0.5.
        var candidates = new[] { C("z", 0.75f), C("m", 0.625f), C("a", 0.25f), C("k", 0.375f), C("q", 0.99f) };

        var picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Margin), budget: 4, seed: 0);

        Assert.Equal(["k", "m", "a", "z"], Ids(picks));
        Assert.StartsWith("margin 0.250 (rank 1 of 5; light 'ham' 0.6", picks[0].Reason);
        Assert.Equal("margin 0.500 (rank 4 of 5; light 'spam' 0.75)", picks[3].Reason);
    }

    [Fact]
    public void Entropy_ranks_three_label_predictions_by_spread()
    {
        string[] labels = ["a", "b", "c"];
        var candidates = new[]
        {
            new Candidate("sure", new LabelPrediction(labels, [0.90f, 0.05f, 0.05f])),        // H = 0.394
            new Candidate("even", new LabelPrediction(labels, [0.34f, 0.33f, 0.33f])),        // H = 1.0985
            new Candidate("two-way", new LabelPrediction(labels, [0.50f, 0.49f, 0.01f])),     // H = 0.738
        };

        var picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Entropy), budget: 3, seed: 0);

        Assert.Equal(["even", "two-way", "sure"], Ids(picks));
        Assert.StartsWith("entropy 1.099 (rank 1 of 3", picks[0].Reason);
    }

    [Fact]
    public void Disagreement_picks_items_the_tiers_label_differently_and_names_both()
    {
        var candidates = new[]
        {
            C("agree", 0.90f, second: 0.85f),
            C("split", 0.81f, second: 0.34f),
            C("hard-split", 0.95f, second: 0.05f),
            C("no-second", 0.50f),
        };

        var picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Disagreement), budget: 10, seed: 0);

        Assert.Equal(["hard-split", "split", "agree"], Ids(picks));
        Assert.Equal(0.90, picks[0].Score, 5);
        Assert.Equal("disagreement: light 'spam' 0.81 vs foundation 'ham' 0.66, total variation 0.470 (rank 2 of 3)", picks[1].Reason);
        Assert.StartsWith("agree on label", picks[2].Reason);
    }

    [Fact]
    public void Disagreement_matches_labels_by_name_not_position()
    {
        var light = new LabelPrediction(["ham", "spam"], [0.2f, 0.8f]);
        var second = new LabelPrediction(["spam", "ham"], [0.8f, 0.2f]);

        Assert.Equal(0, ActiveLearningSelector.Disagreement(light, second), 6);
    }

    [Fact]
    public void KCenter_spreads_its_picks_and_reports_the_distance()
    {
        var candidates = new[]
        {
            C("x1", 0.5f, embedding: [1, 0.01f]), C("x2", 0.5f, embedding: [1, 0.02f]),
            C("y1", 0.5f, embedding: [0.01f, 1]), C("y2", 0.5f, embedding: [0.02f, 1]),
            C("no-embedding", 0.5f),
        };
        ReadOnlyMemory<float>[] labelled = [new[] { 1f, 0f }];

        var picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.KCenterGreedy), budget: 2, seed: 0, labelled);

        Assert.Equal(["y1", "x2"], Ids(picks));
        Assert.Matches(@"^k-center: farthest from labelled set, distance 0\.990$", picks[0].Reason);
        Assert.Contains("and earlier picks", picks[1].Reason);
    }

    [Fact]
    public void Uncertainty_plus_diversity_takes_the_uncertain_pool_then_spreads_within_it()
    {
        // Four uncertain items, two near-identical pairs; one confident item far from everything.
        var candidates = new[]
        {
            C("a1", 0.50f, embedding: [1, 0]), C("a2", 0.51f, embedding: [1, 0.01f]),
            C("b1", 0.45f, embedding: [0, 1]), C("b2", 0.46f, embedding: [0.01f, 1]),
            C("far", 0.99f, embedding: [-1, -1]),
        };
        var policy = new SelectionPolicy { Strategy = SelectionStrategy.UncertaintyDiversity, Uncertainty = SelectionStrategy.Margin, DiversityPoolFactor = 2 };

        var picks = ActiveLearningSelector.Select(candidates, policy, budget: 2, seed: 3, labelled: [new[] { -1f, 1f }]);
        var plain = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Margin), budget: 2, seed: 3);

        Assert.Equal(["a1", "a2"], Ids(plain)); // plain uncertainty takes a near-duplicate pair
        Assert.DoesNotContain("far", Ids(picks));
        Assert.Single(picks, p => p.ItemId.StartsWith('a'));
        Assert.Single(picks, p => p.ItemId.StartsWith('b'));
        Assert.All(picks, p => Assert.Matches(@"^margin 0\.\d{3} \(rank \d of 5; .*\); k-center: .*distance \d\.\d{3} among the 4 most uncertain$", p.Reason));
    }

    [Fact]
    public void Random_is_deterministic_for_a_seed_independent_of_order_and_differs_across_seeds()
    {
        var candidates = Enumerable.Range(0, 100).Select(i => C($"i{i:000}", 0.5f)).ToList();
        var reversed = candidates.AsEnumerable().Reverse().ToList();
        var policy = SelectionPolicy.For(SelectionStrategy.Random);

        var a = Ids(ActiveLearningSelector.Select(candidates, policy, 10, seed: 42));
        var b = Ids(ActiveLearningSelector.Select(reversed, policy, 10, seed: 42));
        var c = Ids(ActiveLearningSelector.Select(candidates, policy, 10, seed: 43));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(10, a.Distinct().Count());
    }

    [Theory]
    [InlineData(SelectionStrategy.Random)]
    [InlineData(SelectionStrategy.Entropy)]
    [InlineData(SelectionStrategy.KCenterGreedy)]
    [InlineData(SelectionStrategy.UncertaintyDiversity)]
    public void Every_strategy_is_deterministic_and_respects_the_budget(SelectionStrategy strategy)
    {
        var random = new Random(9);
        var candidates = Enumerable.Range(0, 60)
            .Select(i => C($"i{i:00}", (float)random.NextDouble(), embedding: [(float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble()]))
            .ToList();
        var shuffled = candidates.OrderBy(_ => random.Next()).ToList();

        var a = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(strategy), 7, seed: 1);
        var b = ActiveLearningSelector.Select(shuffled, SelectionPolicy.For(strategy), 7, seed: 1);

        Assert.Equal(7, a.Count);
        Assert.Equal(a, b);
        Assert.Empty(ActiveLearningSelector.Select(candidates, SelectionPolicy.For(strategy), 0, seed: 1));
    }

    [Fact]
    public void A_run_budget_split_across_batches_is_never_exceeded_and_reasons_quote_it()
    {
        // 10 human items for a run of three batches of 30, 30 and 40 items: shares 3, 3, 4 (BudgetPlanner).
        var run = new BudgetConfig { MaxHumanItems = 10 };
        var shares = BudgetPlanner.Split(run, [30, 30, 40]);
        var picked = new List<Selection>();
        for (var batch = 0; batch < shares.Count; batch++)
        {
            var budget = new CascadeBudget(shares[batch]);
            var candidates = Enumerable.Range(0, 30 + (batch == 2 ? 10 : 0)).Select(i => C($"b{batch}-{i:00}", i / 40f)).ToList();
            var first = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Margin), budget, seed: 0, maxItems: 2);
            var rest = ActiveLearningSelector.Select(candidates.Where(c => first.All(f => f.ItemId != c.ItemId)).ToList(),
                SelectionPolicy.For(SelectionStrategy.Margin), budget, seed: 0);
            Assert.Equal(2, first.Count); // the per-call cap
            Assert.Equal(shares[batch].MaxHumanItems, first.Count + rest.Count);
            Assert.False(budget.CanReserveHuman);
            picked.AddRange(first.Concat(rest));
        }

        Assert.Equal(10, picked.Count);
        Assert.EndsWith("; human 1/3", picked[0].Reason);
        Assert.EndsWith("; human 4/4", picked[^1].Reason);
    }

    [Fact]
    public void Repeated_ids_and_bad_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ActiveLearningSelector.Select([C("a", 0.5f), C("a", 0.4f)], SelectionPolicy.For(SelectionStrategy.Margin), 1, 0));
        Assert.Throws<ArgumentException>(() => ActiveLearningSelector.Select([C("a", 0.5f)], new SelectionPolicy { Uncertainty = SelectionStrategy.Random }, 1, 0));
        Assert.Throws<ArgumentException>(() => ActiveLearningSelector.Select([C("a", 0.5f)], new SelectionPolicy { DiversityPoolFactor = 0 }, 1, 0));
    }
}

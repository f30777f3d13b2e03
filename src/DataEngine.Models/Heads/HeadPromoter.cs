using System.Globalization;

namespace DataEngine.Models.Heads;

/// <summary>
/// Promotes a candidate head only if it beats the current one on the same held-out items: the candidate's test split,
/// on which the current head is scored afresh (its own test metrics were measured on other items). Higher macro-F1
/// wins; on a tie, lower log loss. A task's first head (or one replacing a head it cannot be compared with) must reach
/// <see cref="HeadOptions.MinFirstHeadMacroF1"/>. current.json is replaced under an ETag condition; a promoter that
/// loses a race compares again with the winner, so of racing candidates the better one ends up current.
/// </summary>
public sealed class HeadPromoter(HeadStore store, HeadOptions options, TimeProvider clock)
{
    const int MaxRaces = 8;
    const double Tie = 1e-9;

    /// <param name="testLabels">The candidate's test items' label indices, in its label order.</param>
    /// <param name="scoreOnTest">A head's calibrated probabilities on the candidate's test items (row-major, that head's label order).</param>
    public async Task<HeadComparison> PromoteAsync(
        HeadManifest candidate,
        int[] testLabels,
        Func<HeadManifest, CancellationToken, Task<float[]>> scoreOnTest,
        CancellationToken cancellationToken = default)
    {
        for (var race = 1; ; race++)
        {
            var current = await store.ReadCurrentAsync(candidate.Dataset, candidate.Task, candidate.Tier, cancellationToken);
            var currentVersion = current?.Pointer.Version;
            if (currentVersion == candidate.Version)
            {
                return Decision(candidate, currentVersion, testLabels, null, promoted: true, "already the current head");
            }

            var currentHead = currentVersion is null
                ? null
                : await store.FindAsync(candidate.Dataset, candidate.Task, candidate.Tier, currentVersion, cancellationToken);
            var incomparable = currentVersion is null ? null
                : currentHead is null ? $"current head {currentVersion} has no readable manifest"
                : Incomparable(candidate, currentHead);
            HeadMetrics? currentMetrics = null;
            if (currentHead is not null && incomparable is null)
            {
                var probabilities = await scoreOnTest(currentHead, cancellationToken);
                currentMetrics = HeadMetrics.Compute(probabilities, currentHead.Labels.Count, testLabels);
            }

            var (promote, reason) = Decide(candidate.HeldOut, currentVersion, currentMetrics, incomparable);
            var comparison = Decision(candidate, currentVersion, testLabels, currentMetrics, promote, reason);
            if (!promote)
            {
                await store.WriteDecisionAsync(candidate, comparison, cancellationToken);
                return comparison;
            }

            var pointer = new HeadPointer(candidate.Version, currentVersion, comparison.DecidedAt, comparison);
            if (await store.TryWriteCurrentAsync(candidate.Dataset, candidate.Task, candidate.Tier, pointer, current?.ETag, cancellationToken))
            {
                await store.WriteDecisionAsync(candidate, comparison, cancellationToken);
                return comparison;
            }

            if (race == MaxRaces)
            {
                comparison = comparison with { Promoted = false, Reason = $"lost {MaxRaces} promotion races in a row to other trainers; not promoted" };
                await store.WriteDecisionAsync(candidate, comparison, cancellationToken);
                return comparison;
            }
        }
    }

    (bool Promote, string Reason) Decide(HeadMetrics candidate, string? currentVersion, HeadMetrics? current, string? incomparable)
    {
        if (current is null)
        {
            var what = currentVersion is null ? "first head" : $"replaces {currentVersion}, which cannot be compared ({incomparable})";
            return candidate.MacroF1 >= options.MinFirstHeadMacroF1
                ? (true, Say($"{what}: held-out macro-F1 {candidate.MacroF1:F4} reaches the minimum {options.MinFirstHeadMacroF1:F4}"))
                : (false, Say($"{what}: held-out macro-F1 {candidate.MacroF1:F4} is below the minimum {options.MinFirstHeadMacroF1:F4}"));
        }

        var on = Say($"on the same {candidate.Examples} held-out items");
        if (candidate.MacroF1 > current.MacroF1 + Tie)
        {
            return (true, Say($"macro-F1 {candidate.MacroF1:F4} beats {currentVersion}'s {current.MacroF1:F4} {on}"));
        }

        if (Math.Abs(candidate.MacroF1 - current.MacroF1) <= Tie && candidate.LogLoss < current.LogLoss - Tie)
        {
            return (true, Say($"macro-F1 ties {currentVersion}'s {current.MacroF1:F4} and log loss {candidate.LogLoss:F4} beats {current.LogLoss:F4} {on}"));
        }

        return (false, Say($"not better than {currentVersion} {on}: macro-F1 {candidate.MacroF1:F4} vs {current.MacroF1:F4}, log loss {candidate.LogLoss:F4} vs {current.LogLoss:F4}"));
    }

    /// <summary>Why two heads cannot be compared on one test split, or null when they can.</summary>
    static string? Incomparable(HeadManifest candidate, HeadManifest current) =>
        current.Features != candidate.Features ? $"it reads '{current.Features}', the candidate '{candidate.Features}'"
        : !current.Labels.SequenceEqual(candidate.Labels, StringComparer.Ordinal) ? $"its labels are {string.Join(", ", current.Labels)}"
        : current.Split != candidate.Split ? "it was split differently, so the candidate's test items may be its training items"
        : null;

    HeadComparison Decision(HeadManifest candidate, string? current, int[] testLabels, HeadMetrics? currentMetrics, bool promoted, string reason) =>
        new(candidate.Version, current, testLabels.Length, candidate.HeldOut, currentMetrics, promoted, reason, clock.GetUtcNow());

    static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

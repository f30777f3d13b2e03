using DataEngine.Core.Items;

namespace DataEngine.Core.Ports;

/// <summary>The recorded fate of one input item in one run. Keyed by (RunId, ItemId); writing it twice changes nothing.</summary>
/// <param name="Ordinal">The item's place in the run's plan; among copies of one text the lowest ordinal is kept.</param>
/// <param name="Rule">For <see cref="ItemState.Rejected"/>: the rule that dropped it ("gopher_quality.min_words").</param>
/// <param name="RuleValue">For rejections: the measured value that failed the rule.</param>
/// <param name="Reason">Human-readable reason: the quarantine error, or the rule with value and threshold.</param>
/// <param name="DedupKey">Hash of the normalised text, for items that reached dedup.</param>
/// <param name="DuplicateOf">For <see cref="ItemState.Duplicate"/>: the kept item, as "runId/itemId".</param>
public sealed record ItemRecord(
    string RunId,
    string ItemId,
    string Dataset,
    string Source,
    long Position,
    long Ordinal,
    ItemState State,
    string? Rule = null,
    double? RuleValue = null,
    string? Reason = null,
    string? DedupKey = null,
    string? DuplicateOf = null)
{
    /// <summary>
    /// A number in [0, 1) fixed by the run and item ids and uniformly spread: stores index it, so taking the items that
    /// follow a random start is a uniform random sample, with no scan and no ORDER BY RAND().
    /// </summary>
    public double SampleKey => SampleKeys.Of(RunId, ItemId);
}

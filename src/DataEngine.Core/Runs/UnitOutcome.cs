using DataEngine.Core.Items;

namespace DataEngine.Core.Runs;

/// <summary>
/// The first pass's verdict on one work unit. <see cref="ItemState.Accepted"/> here is provisional: dedup across
/// batches and runs may still turn it into a duplicate when the run is finalised.
/// </summary>
public sealed record UnitOutcome(
    string ItemId,
    string Source,
    long Position,
    long Ordinal,
    ItemState State,
    string? Rule = null,
    double? RuleValue = null,
    string? Reason = null,
    string? DedupKey = null)
{
    public static UnitOutcome Quarantined(WorkUnit unit, string reason) =>
        new(new Items.ItemLocation(unit.Source, unit.Position).ToItemId(), unit.Source, unit.Position, unit.Ordinal, ItemState.Quarantined, Reason: reason);
}

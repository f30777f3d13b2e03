using DataEngine.Core.Items;

namespace DataEngine.Core.Ports;

/// <summary>How many items of a run ended in each state, and why items were rejected or quarantined.</summary>
public sealed record StateCounts(
    IReadOnlyDictionary<ItemState, long> ByState,
    IReadOnlyDictionary<string, long> RejectedByRule,
    IReadOnlyDictionary<string, long> QuarantinedByReason)
{
    public long Total => ByState.Values.Sum();

    public long this[ItemState state] => ByState.GetValueOrDefault(state);
}

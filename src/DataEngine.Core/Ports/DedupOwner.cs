namespace DataEngine.Core.Ports;

/// <summary>The item that holds a dedup key in a dataset: the copy of the text kept so far.</summary>
public readonly record struct DedupOwner(string RunId, string ItemId, long Ordinal)
{
    /// <summary>
    /// True when a copy with <paramref name="ordinal"/> in <paramref name="runId"/> cannot end up kept: the key belongs to
    /// another run (an earlier run's claim is never taken over), or to a lower ordinal of the same run (claims only go down).
    /// </summary>
    public bool Outranks(string runId, long ordinal) => RunId != runId || Ordinal < ordinal;
}

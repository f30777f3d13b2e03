namespace DataEngine.Core.Items;

/// <summary>The one final state every input item ends in.</summary>
public enum ItemState
{
    /// <summary>Passed every filter and is not a copy of another item: goes into the curated dataset.</summary>
    Accepted,

    /// <summary>Dropped by a filter; the rule and value are recorded.</summary>
    Rejected,

    /// <summary>Same normalised content as an item kept earlier (in this run or an earlier run of the dataset).</summary>
    Duplicate,

    /// <summary>Could not be read: unreadable, malformed, too large, vanished. The error is recorded.</summary>
    Quarantined,
}

namespace DataEngine.Core.Ports;

/// <summary>An item's claim to be the kept copy of a normalised text within a dataset.</summary>
public readonly record struct DedupClaim(string Key, string ItemId, long Ordinal);

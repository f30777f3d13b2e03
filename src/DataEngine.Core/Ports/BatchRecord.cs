namespace DataEngine.Core.Ports;

/// <summary>A completion marker for one batch: once recorded, a re-run of the batch skips its work (as datatrove's markers do).</summary>
public sealed record BatchRecord(string RunId, int BatchIndex, int Items, DateTimeOffset CommittedAt);

namespace DataEngine.Core.Runs;

/// <summary>How a batch's items came out of the first pass. <see cref="Skipped"/> is true when the batch was already committed.</summary>
public sealed record BatchCounts(int BatchIndex, int Items, int Survivors, int Rejected, int Quarantined, bool Skipped = false);

namespace DataEngine.Core.Runs;

/// <summary>What planning found: how many batches, items and bytes the run has. Small enough to cross activity boundaries.</summary>
public sealed record RunPlan(int BatchCount, long Items, long Bytes, int Sources);

using DataEngine.Core.Runs;

namespace DataEngine.Workflows;

/// <summary>Input of one batch's sub-orchestration and activities: ids only.</summary>
public sealed record BatchInput(string RunId, string Dataset, int BatchIndex, int MaxAttempts);

/// <summary>Input of the poison-batch activity: the batch and the error that exhausted its retries.</summary>
public sealed record QuarantineBatchInput(BatchInput Batch, string Error);

/// <summary>Input of the finalize activity.</summary>
public sealed record FinalizeInput(string RunId, RunPlan Plan);

/// <summary>The run orchestration's custom status, which progress displays read while the run goes on.</summary>
public sealed record RunProgress(string Phase, int Batches, int BatchesDone, long Items, long ItemsDone);

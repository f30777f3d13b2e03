using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Runs;

namespace DataEngine.Workflows;

/// <summary>Input of one batch's sub-orchestration and activities: ids only.</summary>
/// <param name="Annotates">Run the annotation steps (the pipeline declares tasks).</param>
/// <param name="BatchCount">Batches in the run, and <paramref name="PlannedItems"/> items planned in it: the batch's share of the run's budgets follows from them.</param>
/// <param name="Review">Whether the batch waits for its human reviews, and how long one round of them may take.</param>
public sealed record BatchInput(
    string RunId, string Dataset, int BatchIndex, int MaxAttempts, bool Annotates = false, int BatchCount = 0, long PlannedItems = 0,
    ReviewMode Review = ReviewMode.Wait, double ReviewDeadlineMinutes = 24 * 60)
{
    public BatchShare Share => new(BatchIndex, BatchCount, PlannedItems);

    /// <summary>The batch's sub-orchestration instance id (reviews name it as the instance waiting for their answers).</summary>
    public string InstanceId => BatchInstance.IdOf(RunId, BatchIndex);
}

/// <summary>Input of the review-opening activity: the batch, the instance that will wait, and the first round's deadline.</summary>
public sealed record OpenReviewsInput(BatchInput Batch, string Waiter, DateTimeOffset Deadline);

/// <summary>Input of the deadline activity: the round whose deadline passed and when the next round is due.</summary>
public sealed record ReviewDeadlineInput(BatchInput Batch, int Round, DateTimeOffset NextDeadline);

/// <summary>Input of the poison-batch activity: the batch and the error that exhausted its retries.</summary>
public sealed record QuarantineBatchInput(BatchInput Batch, string Error);

/// <summary>Input of the finalize activity, with what retraining the light heads did per task.</summary>
public sealed record FinalizeInput(string RunId, RunPlan Plan, IReadOnlyDictionary<string, IReadOnlyList<string>>? Retraining = null);

/// <summary>The run orchestration's custom status, which progress displays read while the run goes on.</summary>
public sealed record RunProgress(string Phase, int Batches, int BatchesDone, long Items, long ItemsDone);

/// <summary>Input of the answer check: the waiting batch and the assignment an event says was answered.</summary>
public sealed record CheckAnswerInput(BatchInput Batch, string AssignmentId);

using DataEngine.Core.Reviews.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>After an answer event: whether the answered assignment's task stopped waiting (it reads that task alone).</summary>
public sealed class CheckAnswer(ReviewTracker tracker) : TaskActivity<CheckAnswerInput, SettledReview>
{
    public override Task<SettledReview> RunAsync(TaskActivityContext context, CheckAnswerInput input) =>
        tracker.SettledAsync(input.Batch.RunId, input.AssignmentId);
}

using DataEngine.Core.Reviews.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>A review round's deadline passed: expire what is open; reassign or escalate as configured. Returns the tasks reassigned.</summary>
public sealed class ReviewDeadline(ReviewTracker tracker) : TaskActivity<ReviewDeadlineInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, ReviewDeadlineInput input) =>
        tracker.DeadlinePassedAsync(input.Batch.RunId, input.Batch.BatchIndex, input.Round, input.NextDeadline);
}

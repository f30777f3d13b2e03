using DataEngine.Core.Reviews.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>How many of the batch's review tasks still wait for answers (read from the review store, so answers given before the wait count).</summary>
public sealed class PendingReviews(ReviewTracker tracker) : TaskActivity<BatchInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, BatchInput batch) =>
        tracker.PendingAsync(batch.RunId, batch.BatchIndex);
}

using DataEngine.Core.Reviews.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Creates the batch's review tasks and assignments and delivers them to the reviewers. Returns the number of tasks.</summary>
public sealed class OpenReviews(ReviewOpener opener) : TaskActivity<OpenReviewsInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, OpenReviewsInput input) =>
        opener.OpenAsync(input.Batch.RunId, input.Batch.BatchIndex, input.Waiter, input.Deadline);
}

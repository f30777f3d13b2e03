using DataEngine.Core.Reviews.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Writes the reviewers' verdicts into the batch's annotations (and training examples). Returns the verdicts.</summary>
public sealed class CloseReviews(ReviewCloser closer) : TaskActivity<BatchInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, BatchInput batch) =>
        (await closer.CloseAsync(batch.RunId, batch.BatchIndex)).Verdicts;
}

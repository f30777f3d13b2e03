using DataEngine.Core.Annotations.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>The foundation tier for a batch: one batched request set for the items the cascade sent up.</summary>
public sealed class FoundationBatch(FoundationStep foundation) : TaskActivity<BatchInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, BatchInput batch) =>
        foundation.RunAsync(batch.RunId, batch.Share);
}

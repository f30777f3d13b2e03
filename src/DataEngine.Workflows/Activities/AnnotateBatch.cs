using DataEngine.Core.Annotations.Batches;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>The cheap tiers for a batch: light heads, then the cascade's routing of each item and task.</summary>
public sealed class AnnotateBatch(LightStep light) : TaskActivity<BatchInput, AnnotateCounts>
{
    public override Task<AnnotateCounts> RunAsync(TaskActivityContext context, BatchInput batch) =>
        light.RunAsync(batch.RunId, batch.Dataset, batch.Share);
}

using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>First pass over one batch: readers, filters, dedup keys. Writes outcomes and survivors as blobs.</summary>
public sealed class FilterBatch(BatchFilterer filterer) : TaskActivity<BatchInput, BatchCounts>
{
    public override Task<BatchCounts> RunAsync(TaskActivityContext context, BatchInput batch) =>
        filterer.FilterAsync(batch.RunId, batch.BatchIndex);
}

using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Records a filtered batch: item records, dedup claims, completion marker.</summary>
public sealed class CommitBatch(BatchCommitter committer) : TaskActivity<BatchInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, BatchInput batch) =>
        committer.CommitAsync(batch.RunId, batch.Dataset, batch.BatchIndex);
}

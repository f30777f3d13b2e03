using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Records a filtered (and annotated) batch: annotation records, item records, dedup claims, completion marker.</summary>
public sealed class CommitBatch(BatchCommitter committer, AnnotationCommitter annotations) : TaskActivity<BatchInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, BatchInput batch)
    {
        // Annotations first: the batch's completion marker, written last by the item commit, says everything is in.
        if (batch.Annotates)
        {
            await annotations.CommitAsync(batch.RunId, batch.Dataset, batch.BatchIndex);
        }

        return await committer.CommitAsync(batch.RunId, batch.Dataset, batch.BatchIndex);
    }
}

using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Records every item of a poison batch as quarantined with the error that exhausted its retries.</summary>
public sealed class QuarantineBatch(BatchCommitter committer) : TaskActivity<QuarantineBatchInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, QuarantineBatchInput input) =>
        committer.QuarantineAsync(input.Batch.RunId, input.Batch.Dataset, input.Batch.BatchIndex, input.Error);
}

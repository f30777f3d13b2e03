using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Runs;
using DataEngine.Workflows.Activities;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Orchestrators;

/// <summary>
/// One batch through the steps: filter (decode, rules, dedup keys); when the pipeline has annotation tasks, the light
/// tier and the cascade's routing, then the foundation model for the items sent up; then commit the records.
/// </summary>
public sealed class BatchOrchestrator : TaskOrchestrator<BatchInput, BatchCounts>
{
    public override async Task<BatchCounts> RunAsync(TaskOrchestrationContext context, BatchInput batch)
    {
        var retry = RetryPolicies.Activity(batch.MaxAttempts);
        var counts = await context.CallActivityAsync<BatchCounts>(nameof(FilterBatch), batch, retry);
        if (counts.Skipped)
        {
            return counts;
        }

        if (batch.Annotates && counts.Survivors > 0)
        {
            var routed = await context.CallActivityAsync<AnnotateCounts>(nameof(AnnotateBatch), batch, retry);
            if (routed.ToFoundation > 0)
            {
                await context.CallActivityAsync<int>(nameof(FoundationBatch), batch, retry);
            }
        }

        await context.CallActivityAsync<int>(nameof(CommitBatch), batch, retry);

        return counts;
    }
}

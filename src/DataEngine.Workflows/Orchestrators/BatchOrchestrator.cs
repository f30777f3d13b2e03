using DataEngine.Core.Runs;
using DataEngine.Workflows.Activities;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Orchestrators;

/// <summary>One batch through the steps: filter (decode, rules, dedup keys), then commit records. Later steps slot in between.</summary>
public sealed class BatchOrchestrator : TaskOrchestrator<BatchInput, BatchCounts>
{
    public override async Task<BatchCounts> RunAsync(TaskOrchestrationContext context, BatchInput batch)
    {
        var retry = RetryPolicies.Activity(batch.MaxAttempts);
        var counts = await context.CallActivityAsync<BatchCounts>(nameof(FilterBatch), batch, retry);
        if (!counts.Skipped)
        {
            await context.CallActivityAsync<int>(nameof(CommitBatch), batch, retry);
        }

        return counts;
    }
}

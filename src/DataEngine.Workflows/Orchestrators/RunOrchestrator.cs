using DataEngine.Core.Runs;
using DataEngine.Workflows.Activities;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DataEngine.Workflows.Orchestrators;

/// <summary>
/// One curation run: plan batches, fan them out as sub-orchestrations with at most
/// <see cref="RunRequest.MaxParallelBatches"/> in flight, quarantine any batch that fails every retry, then finalise.
/// Deterministic: no I/O, no clocks, only durable calls.
/// </summary>
public sealed class RunOrchestrator : TaskOrchestrator<RunRequest, RunReport>
{
    public override async Task<RunReport> RunAsync(TaskOrchestrationContext context, RunRequest run)
    {
        var log = context.CreateReplaySafeLogger<RunOrchestrator>();
        var retry = RetryPolicies.Activity(run.MaxAttempts);

        context.SetCustomStatus(new RunProgress("planning", 0, 0, 0, 0));
        var plan = await context.CallActivityAsync<RunPlan>(nameof(PlanBatches), run, retry);
        log.LogInformation("Run {RunId}: {Items} items in {Batches} batches", run.RunId, plan.Items, plan.BatchCount);

        var inFlight = new Dictionary<Task<BatchCounts>, BatchInput>();
        int done = 0;
        long itemsDone = 0;

        async Task CompleteOne()
        {
            var finished = await Task.WhenAny(inFlight.Keys);
            var batch = inFlight[finished];
            inFlight.Remove(finished);
            try
            {
                itemsDone += (await finished).Items;
            }
            catch (TaskFailedException ex)
            {
                // A poison batch: record its items as quarantined with the error, and let the run go on.
                log.LogWarning("Run {RunId}: batch {Batch} failed every attempt and is quarantined: {Error}", run.RunId, batch.BatchIndex, ex.FailureDetails.ErrorMessage);
                itemsDone += await context.CallActivityAsync<int>(nameof(QuarantineBatch), new QuarantineBatchInput(batch, Describe(ex)), retry);
            }

            done++;
            context.SetCustomStatus(new RunProgress("filtering", plan.BatchCount, done, plan.Items, itemsDone));
        }

        context.SetCustomStatus(new RunProgress("filtering", plan.BatchCount, 0, plan.Items, 0));
        for (var i = 0; i < plan.BatchCount; i++)
        {
            if (inFlight.Count >= run.MaxParallelBatches)
            {
                await CompleteOne();
            }

            var batch = new BatchInput(run.RunId, run.Dataset, i, run.MaxAttempts, run.Annotates, plan.BatchCount, plan.Items, run.Review, run.ReviewDeadlineMinutes);
            var task = context.CallSubOrchestratorAsync<BatchCounts>(
                nameof(BatchOrchestrator), batch, new SubOrchestrationOptions { InstanceId = batch.InstanceId });
            inFlight.Add(task, batch);
        }

        while (inFlight.Count > 0)
        {
            await CompleteOne();
        }

        // Distillation: the labels the expensive tiers gave in this run retrain the light heads for the next one.
        IReadOnlyDictionary<string, IReadOnlyList<string>>? retraining = null;
        if (run.Annotates)
        {
            context.SetCustomStatus(new RunProgress("retraining", plan.BatchCount, done, plan.Items, itemsDone));
            retraining = await context.CallActivityAsync<Dictionary<string, IReadOnlyList<string>>>(nameof(DistillHeads), run.RunId, retry);
        }

        context.SetCustomStatus(new RunProgress("finalizing", plan.BatchCount, done, plan.Items, itemsDone));
        var report = await context.CallActivityAsync<RunReport>(nameof(FinalizeRun), new FinalizeInput(run.RunId, plan, retraining), retry);
        context.SetCustomStatus(new RunProgress("completed", plan.BatchCount, done, plan.Items, itemsDone));
        return report;
    }

    /// <summary>The innermost failure message: the sub-orchestration wraps the activity's exception.</summary>
    static string Describe(TaskFailedException ex)
    {
        var details = ex.FailureDetails;
        while (details.InnerFailure is { } inner)
        {
            details = inner;
        }

        return $"{details.ErrorType}: {details.ErrorMessage}";
    }
}

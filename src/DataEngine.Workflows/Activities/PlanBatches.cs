using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Lists the run's raw input and writes one plan blob per batch; returns counts only.</summary>
public sealed class PlanBatches(RunPlanner planner, PipelineCache pipelines) : TaskActivity<RunRequest, RunPlan>
{
    public override async Task<RunPlan> RunAsync(TaskActivityContext context, RunRequest run) =>
        await planner.PlanAsync(run.RunId, run.SourcePrefix, await pipelines.GetAsync(run.RunId));
}

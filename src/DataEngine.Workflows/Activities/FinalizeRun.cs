using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>Settles duplicates, writes the curated dataset and report.json, marks the run completed.</summary>
public sealed class FinalizeRun(RunFinalizer finalizer) : TaskActivity<FinalizeInput, RunReport>
{
    public override Task<RunReport> RunAsync(TaskActivityContext context, FinalizeInput input) =>
        finalizer.FinalizeAsync(input.RunId, input.Plan, input.Retraining);
}

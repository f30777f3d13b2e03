using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Runs;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Activities;

/// <summary>After a run's batches: retrains each task's light heads from the labels gathered so far, promoting only better ones.</summary>
public sealed class DistillHeads(Distiller distiller, PipelineCache pipelines) : TaskActivity<string, Dictionary<string, IReadOnlyList<string>>>
{
    public override async Task<Dictionary<string, IReadOnlyList<string>>> RunAsync(TaskActivityContext context, string runId)
    {
        var config = (await pipelines.GetAsync(runId)).Config;
        var outcome = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var task in config.Annotations)
        {
            outcome[task.Name] = await distiller.RetrainAsync(config.Dataset, task);
        }

        return outcome;
    }
}

using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// The foundation tier for one batch: asks the foundation model about the items the light step sent up (one batched call
/// per task, the client chunks and limits concurrency), lets the cascade decide again on each answer, and keeps every
/// usable answer as a training example for the light heads. Idempotent: items already answered are not asked again.
/// </summary>
public sealed class FoundationStep(IBlobStore blobs, PipelineCache pipelines, ModelTiers models)
{
    public async Task<int> RunAsync(string runId, BatchShare share, CancellationToken cancellationToken = default)
    {
        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config;
        var blob = RunPaths.Annotations(runId, share.BatchIndex);
        if (config.Annotations.Count == 0 || models.Foundation is not { } foundation || await blobs.GetInfoAsync(blob, cancellationToken) is null)
        {
            return 0;
        }

        var states = await JsonLines.ReadAsync<TaskAnnotationState>(blobs, blob, cancellationToken).ToListAsync(cancellationToken);
        if (!states.Any(s => s.AwaitsFoundation))
        {
            return 0;
        }

        var texts = await SurvivorTexts.ReadAsync(blobs, runId, share.BatchIndex, cancellationToken);

        var asked = 0;
        foreach (var task in config.Annotations)
        {
            var pending = states.Select((s, i) => (State: s, Index: i)).Where(p => p.State.Task == task.Name && p.State.AwaitsFoundation).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            var answers = await foundation.AnnotateAsync(task, [.. pending.Select(p => new FoundationItem(p.State.ItemId, texts[p.State.ItemId]))], cancellationToken);
            var budget = Replay(states, task, new CascadeBudget(share.For(config, task, hasFoundation: true)));
            var routes = CascadePlanner.PlanAfterFoundation(
                task, task.Stage, [.. pending.Select((p, k) => (p.State.ItemId, p.State.LightPrediction(task.Labels), answers[k]))], int.MaxValue, budget);
            for (var k = 0; k < pending.Count; k++)
            {
                states[pending[k].Index] = pending[k].State with { Foundation = answers[k], FoundationRoute = routes[k].Decision };
            }

            asked += pending.Count;
            var examples = pending.Select(p => states[p.Index])
                .Where(s => s.Foundation is { Failed: false, Label: not null })
                .Select(s => new TrainingExample(s.ItemId, s.Foundation!.Label!, texts[s.ItemId], s.Foundation.By.ToString(), s.Embedding, s.Embedding is null ? null : models.Embedder?.ModelId))
                .ToList();
            if (examples.Count > 0)
            {
                await JsonLines.WriteAsync(blobs, RunPaths.TrainingExamples(config.Dataset, task.Name, runId, share.BatchIndex), examples, cancellationToken);
            }
        }

        await JsonLines.WriteAsync(blobs, blob, states, cancellationToken);
        return asked;
    }

    /// <summary>The budget as the light step left it: the foundation calls and human reviews it already reserved.</summary>
    static CascadeBudget Replay(List<TaskAnnotationState> states, AnnotationTaskConfig task, CascadeBudget budget)
    {
        foreach (var state in states.Where(s => s.Task == task.Name))
        {
            _ = state.LightRoute.Route switch
            {
                Route.Foundation => budget.TryReserveFoundation(),
                Route.Human => budget.TryReserveHuman(),
                _ => true,
            };
        }

        return budget;
    }
}

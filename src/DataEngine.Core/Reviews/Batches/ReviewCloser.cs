using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Writes the reviewers' answers into a batch's annotation state: each voting reviewer's annotation and the verdict,
/// which becomes the item's label; items without a verdict keep the best model label, low trust. The verdicts are
/// also kept as training examples, after the batch's foundation examples, so the light heads learn from them. Safe to
/// run again: it recomputes everything from the stored answers (a late answer run through it updates the batch).
/// </summary>
public sealed class ReviewCloser(IBlobStore blobs, IReviewStore reviews, PipelineCache pipelines, ModelTiers models)
{
    /// <returns>How many review tasks of the batch have a verdict.</returns>
    public async Task<int> CloseAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        var states = await BatchReviewState.ReadAsync(blobs, runId, batchIndex, cancellationToken);
        if (!states.Any(BatchReviewState.WantsReview))
        {
            return 0;
        }

        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config;
        var texts = await SurvivorTexts.ReadAsync(blobs, runId, batchIndex, cancellationToken);

        var examples = new Dictionary<string, List<TrainingExample>>(StringComparer.Ordinal);
        var verdicts = 0;
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            if (!BatchReviewState.WantsReview(state))
            {
                continue;
            }

            var task = config.Annotations.Single(t => t.Name == state.Task);
            var assignments = await reviews.ListAssignmentsAsync(BatchReviewState.TaskIdOf(runId, state), cancellationToken);
            var (votes, verdict) = ReviewVerdicts.Decide(task.Name, task.Kind, task.Labels, state.BestModel?.Label, assignments);
            states[i] = state with { Reviews = votes.Count == 0 ? null : votes, Reviewed = verdict };
            if (verdict is { Label: { } label })
            {
                verdicts++;
                var list = examples.TryGetValue(task.Name, out var existing) ? existing : examples[task.Name] = [];
                list.Add(new TrainingExample(state.ItemId, label, texts.GetValueOrDefault(state.ItemId, ""), verdict.By.ToString(), state.Embedding, state.Embedding is null ? null : models.Embedder?.ModelId));
            }
        }

        foreach (var (task, list) in examples)
        {
            await JsonLines.WriteAsync(blobs, RunPaths.ReviewedExamples(config.Dataset, task, runId, batchIndex), list, cancellationToken);
        }

        await JsonLines.WriteAsync(blobs, RunPaths.Annotations(runId, batchIndex), states, cancellationToken);
        return verdicts;
    }
}

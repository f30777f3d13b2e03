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
    /// <summary>Rounds of read → decide → conditional write before giving up when other writers keep changing the batch.</summary>
    const int MaxAttempts = 8;

    /// <returns>
    /// How many review tasks of the batch have a verdict, and the ETag of the annotation state as this call left it.
    /// The state is written only if nobody wrote it since it was read (else it is read and decided again), so two
    /// processes applying answers to one batch at once never write back a state without the other's answer.
    /// </returns>
    public async Task<ClosedReviews> CloseAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CloseOnceAsync(runId, batchIndex, cancellationToken);
            }
            catch (BlobConflictException) when (attempt < MaxAttempts)
            {
                // Another process wrote the batch's state between our read and our write: decide again on what it wrote.
            }
        }
    }

    async Task<ClosedReviews> CloseOnceAsync(string runId, int batchIndex, CancellationToken cancellationToken)
    {
        var (states, etag) = await BatchReviewState.ReadVersionAsync(blobs, runId, batchIndex, cancellationToken);
        if (etag is null || !states.Any(BatchReviewState.WantsReview))
        {
            return new ClosedReviews(0, etag);
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

        var (_, written) = await JsonLines.WriteAsync(blobs, RunPaths.Annotations(runId, batchIndex), states, BlobCondition.IfUnchanged(etag), cancellationToken);
        return new ClosedReviews(verdicts, written.ETag);
    }
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Opens human review for a batch: one review task per item and annotation task the cascade sent to humans (with the
/// item's text, the models' proposals and the task's labels), assigned to <c>overlap</c> reviewers of the pipeline's pool,
/// each assignment delivered with its signed links. Idempotent: a retried step finds the tasks stored. Delivery is at
/// least once: until the batch's delivery marker is written, a retry delivers the still-open assignments again (a
/// reviewer may get a message twice, but never none).
/// </summary>
public sealed class ReviewOpener(IBlobStore blobs, IReviewStore reviews, PipelineCache pipelines, ReviewLinks links, IReviewNotifier notifier, TimeProvider clock)
{
    /// <param name="waiter">The orchestration instance that will wait for the answers (it receives an event per answer).</param>
    /// <param name="deadline">When the first round of answers is due.</param>
    /// <returns>The batch's review tasks (stored now or before).</returns>
    public async Task<int> OpenAsync(string runId, int batchIndex, string waiter, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var states = (await BatchReviewState.ReadAsync(blobs, runId, batchIndex, cancellationToken)).Where(BatchReviewState.WantsReview).ToList();
        if (states.Count == 0)
        {
            return 0;
        }

        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config;
        var texts = await SurvivorTexts.ReadAsync(blobs, runId, batchIndex, cancellationToken);

        var marker = RunPaths.ReviewsDelivered(runId, batchIndex);
        if (await blobs.GetInfoAsync(marker, cancellationToken) is not null)
        {
            return states.Count;
        }

        var now = clock.GetUtcNow();
        foreach (var state in states)
        {
            var task = config.Annotations.Single(t => t.Name == state.Task);
            var text = texts.GetValueOrDefault(state.ItemId, "");
            var review = new ReviewTask(
                BatchReviewState.TaskIdOf(runId, state),
                config.Dataset,
                runId,
                state.ItemId,
                state.Task,
                [.. new[] { state.Light, state.Foundation }.OfType<Annotation>()],
                now,
                deadline,
                config.Reviews.Overlap,
                text.Length > ReviewTask.MaxTextLength ? text[..ReviewTask.MaxTextLength] : text,
                task.Labels,
                task.Instructions,
                waiter);
            var assignments = ReviewRound.FirstReviewers(config.Reviews, state.ItemId)
                .Select(reviewer => ReviewAssignment.Open(review, reviewer, round: 0, now))
                .ToList();
            if (!await reviews.CreateTaskAsync(review, assignments, cancellationToken))
            {
                // Stored by an attempt that stopped before its marker: deliver what is still open, as stored.
                review = await reviews.GetTaskAsync(review.TaskId, cancellationToken) ?? review;
                assignments = [.. (await reviews.ListAssignmentsAsync(review.TaskId, cancellationToken)).Where(a => a.State == ReviewAssignmentState.Open)];
            }

            await DeliverAsync(review, assignments, cancellationToken);
        }

        await blobs.WriteAsync(marker, "{}"u8.ToArray(), cancellationToken: cancellationToken);
        return states.Count;
    }

    /// <summary>Sends each assignment to its reviewer with freshly signed links.</summary>
    internal async Task DeliverAsync(ReviewTask task, IEnumerable<ReviewAssignment> assignments, CancellationToken cancellationToken)
    {
        foreach (var assignment in assignments)
        {
            await notifier.NotifyAsync(links.NoticeFor(task, assignment), cancellationToken);
        }
    }
}

using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Follows a waiting batch's reviews: how many tasks still wait for answers, and what happens when a round's deadline
/// passes (the open assignments expire; the pipeline's policy reassigns, escalates or falls back).
/// </summary>
public sealed class ReviewTracker(IBlobStore blobs, IReviewStore reviews, PipelineCache pipelines, ReviewOpener opener, TimeProvider clock)
{
    /// <summary>
    /// Review tasks of the batch still waiting: fewer answers than the overlap asks for, and an assignment still open.
    /// A task whose assignments are all closed (answered, expired, withdrawn) waits for nothing.
    /// </summary>
    public async Task<int> PendingAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        var overlap = (await pipelines.GetAsync(runId, cancellationToken)).Config.Reviews.Overlap;
        var pending = 0;
        foreach (var state in (await BatchReviewState.ReadAsync(blobs, runId, batchIndex, cancellationToken)).Where(BatchReviewState.WantsReview))
        {
            var assignments = await reviews.ListAssignmentsAsync(BatchReviewState.TaskIdOf(runId, state), cancellationToken);
            pending += Waits(assignments, overlap) ? 1 : 0;
        }

        return pending;
    }

    /// <summary>
    /// After an answer to <paramref name="assignmentId"/>: its review task, and whether that task has stopped waiting
    /// (as many answers as the overlap asks for, or nothing left open). Two store reads, whatever the batch's size, so
    /// a batch that waits on many items does not read all of them again at every answer.
    /// </summary>
    public async Task<SettledReview> SettledAsync(string runId, string assignmentId, CancellationToken cancellationToken = default)
    {
        if (await reviews.GetAssignmentAsync(assignmentId, cancellationToken) is not { } assignment || assignment.RunId != runId)
        {
            return new SettledReview(null, false);
        }

        var overlap = (await pipelines.GetAsync(runId, cancellationToken)).Config.Reviews.Overlap;
        return new SettledReview(assignment.TaskId, !Waits(await reviews.ListAssignmentsAsync(assignment.TaskId, cancellationToken), overlap));
    }

    /// <summary>
    /// The deadline of round <paramref name="round"/> passed: expires the open assignments of the tasks still waiting and,
    /// when the policy and the rounds left allow, assigns them to the next reviewers (delivered with their links).
    /// Returns how many tasks got new assignments: zero means the batch stops waiting and falls back.
    /// </summary>
    /// <param name="nextDeadline">When the next round's answers are due: its links live until then.</param>
    public async Task<int> DeadlinePassedAsync(
        string runId, int batchIndex, int round, DateTimeOffset nextDeadline, CancellationToken cancellationToken = default)
    {
        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config.Reviews;
        var reassigned = 0;
        foreach (var state in (await BatchReviewState.ReadAsync(blobs, runId, batchIndex, cancellationToken)).Where(BatchReviewState.WantsReview))
        {
            var taskId = BatchReviewState.TaskIdOf(runId, state);
            var assignments = await reviews.ListAssignmentsAsync(taskId, cancellationToken);
            if (!Waits(assignments, config.Overlap))
            {
                continue;
            }

            foreach (var open in assignments.Where(a => a.State == ReviewAssignmentState.Open))
            {
                await reviews.ExpireAsync(open.AssignmentId, cancellationToken);
            }

            if (round >= config.MaxRounds || await reviews.GetTaskAsync(taskId, cancellationToken) is not { } task)
            {
                continue;
            }

            var next = ReviewRound.NextReviewers(config, state.ItemId, assignments.Select(a => a.Reviewer));
            if (next.Count == 0)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var added = next.Select(reviewer => ReviewAssignment.Open(task, reviewer, round + 1, now)).ToList();
            await reviews.AddAssignmentsAsync(taskId, added, cancellationToken);

            // Only the assignments still open: a retried step must not send links for ones answered meanwhile.
            var stored = await reviews.ListAssignmentsAsync(taskId, cancellationToken);
            await opener.DeliverAsync(task with { Deadline = nextDeadline }, stored.Where(a => a.State == ReviewAssignmentState.Open && added.Any(n => n.AssignmentId == a.AssignmentId)), cancellationToken);
            reassigned++;
        }

        return reassigned;
    }

    static bool Waits(IReadOnlyList<ReviewAssignment> assignments, int overlap) =>
        assignments.Count(a => a.State == ReviewAssignmentState.Answered) < overlap
        && assignments.Any(a => a.State == ReviewAssignmentState.Open);
}

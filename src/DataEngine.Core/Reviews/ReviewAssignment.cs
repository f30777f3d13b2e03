namespace DataEngine.Core.Reviews;

/// <summary>
/// One reviewer's copy of a review task: open until answered, expired or withdrawn. A reassignment after an expiry is a
/// new assignment (the next round), so each answer belongs to exactly one assignment.
/// </summary>
/// <param name="AssignmentId">Deterministic from (TaskId, Reviewer, round): see <see cref="IdOf"/>.</param>
/// <param name="Answer">The reviewer's answer once <see cref="State"/> is <see cref="ReviewAssignmentState.Answered"/>.</param>
/// <param name="ETag">The stored version, set by the store; null on a record not yet stored.</param>
public sealed record ReviewAssignment(
    string AssignmentId,
    string TaskId,
    string Dataset,
    string RunId,
    string Reviewer,
    ReviewAssignmentState State,
    DateTimeOffset AssignedAt,
    ReviewAnswer? Answer = null,
    string? ETag = null)
{
    /// <summary>The id of <paramref name="reviewer"/>'s assignment to a task in <paramref name="round"/> (0 first, then one per reassignment).</summary>
    public static string IdOf(string taskId, string reviewer, int round) =>
        ReviewIds.Of("ra-", taskId, reviewer, round.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A new open assignment of <paramref name="task"/> to <paramref name="reviewer"/>.</summary>
    public static ReviewAssignment Open(ReviewTask task, string reviewer, int round, DateTimeOffset assignedAt) =>
        new(IdOf(task.TaskId, reviewer, round), task.TaskId, task.Dataset, task.RunId, reviewer, ReviewAssignmentState.Open, assignedAt);
}

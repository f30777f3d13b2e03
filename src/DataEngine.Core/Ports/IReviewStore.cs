using DataEngine.Core.Reviews;

namespace DataEngine.Core.Ports;

/// <summary>
/// Port for human review: review tasks and their assignments to reviewers. A reviewer's answer reaches the waiting
/// workflow once: an assignment moves from open to answered, expired or withdrawn by conditional writes, so of two
/// concurrent answers exactly one is recorded and the other learns the answer that was. SQLite locally, Cosmos DB in Azure.
/// </summary>
public interface IReviewStore
{
    /// <summary>
    /// Stores a task and its first assignments. Idempotent: a task or assignment whose id is stored already is left as it is
    /// (an answered assignment is never reopened by a retried step). Returns whether this call stored the task.
    /// </summary>
    /// <exception cref="ArgumentException">An assignment belongs to another task.</exception>
    Task<bool> CreateTaskAsync(ReviewTask task, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default);

    /// <summary>Adds assignments to a stored task (a reassignment after an expiry); assignments stored already are left as they are.</summary>
    /// <exception cref="ArgumentException">An assignment belongs to another task.</exception>
    /// <exception cref="InvalidOperationException">No task has this id.</exception>
    Task AddAssignmentsAsync(string taskId, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default);

    Task<ReviewTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The assignment with its current ETag, or null.</summary>
    Task<ReviewAssignment?> GetAssignmentAsync(string assignmentId, CancellationToken cancellationToken = default);

    /// <summary>Every assignment of a task, in any state, ordered by AssignedAt then id.</summary>
    Task<IReadOnlyList<ReviewAssignment>> ListAssignmentsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of <paramref name="reviewer"/>'s open assignments (optionally of one dataset), ordered by AssignedAt then
    /// id, starting strictly after <paramref name="after"/> (a keyset page: assignments answered meanwhile shift nothing).
    /// </summary>
    Task<ReviewAssignmentPage> ListOpenAssignmentsAsync(
        string reviewer, string? dataset = null, ReviewCursor? after = null, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="answer"/> if the assignment is open; otherwise changes nothing and says why. Race-safe: of
    /// concurrent answers exactly one is <see cref="AnswerOutcome.Recorded"/>; the others get
    /// <see cref="AnswerOutcome.AlreadyAnswered"/> with the stored answer.
    /// </summary>
    Task<AnswerResult> AnswerAsync(string assignmentId, ReviewAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an open assignment to expired (the deadline passed). An answered, withdrawn or expired one is left as it is.
    /// Returns the assignment as stored afterwards, or null when there is none.
    /// </summary>
    Task<ReviewAssignment?> ExpireAsync(string assignmentId, CancellationToken cancellationToken = default);
}

using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;

namespace DataEngine.Workflows.Tests.Reviews;

/// <summary>The real review store, counting the reads of a task's assignments: what a waiting batch costs the store.</summary>
sealed class CountingReviewStore(IReviewStore inner) : IReviewStore
{
    int _taskReads;

    public int TaskReads => Volatile.Read(ref _taskReads);

    public Task<IReadOnlyList<ReviewAssignment>> ListAssignmentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _taskReads);
        return inner.ListAssignmentsAsync(taskId, cancellationToken);
    }

    public Task<bool> CreateTaskAsync(ReviewTask task, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default) =>
        inner.CreateTaskAsync(task, assignments, cancellationToken);

    public Task AddAssignmentsAsync(string taskId, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default) =>
        inner.AddAssignmentsAsync(taskId, assignments, cancellationToken);

    public Task<ReviewTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) => inner.GetTaskAsync(taskId, cancellationToken);

    public Task<ReviewAssignment?> GetAssignmentAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        inner.GetAssignmentAsync(assignmentId, cancellationToken);

    public Task<ReviewAssignmentPage> ListOpenAssignmentsAsync(
        string reviewer, string? dataset = null, ReviewCursor? after = null, int pageSize = 100, CancellationToken cancellationToken = default) =>
        inner.ListOpenAssignmentsAsync(reviewer, dataset, after, pageSize, cancellationToken);

    public Task<AnswerResult> AnswerAsync(string assignmentId, ReviewAnswer answer, CancellationToken cancellationToken = default) =>
        inner.AnswerAsync(assignmentId, answer, cancellationToken);

    public Task<ReviewAssignment?> ExpireAsync(string assignmentId, CancellationToken cancellationToken = default) => inner.ExpireAsync(assignmentId, cancellationToken);
}

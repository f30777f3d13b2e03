namespace DataEngine.Workflows.Reviews;

/// <summary>Wakes the batch waiting for a review task's answers.</summary>
public interface IReviewWaiters
{
    /// <summary>
    /// Tells <paramref name="instanceId"/> an answer came, when that batch is running and waits for reviews; false
    /// otherwise (the review was deferred, or the batch finished), in which case the caller applies the answer itself.
    /// </summary>
    Task<bool> TryWakeAsync(string instanceId, string assignmentId, CancellationToken cancellationToken);
}

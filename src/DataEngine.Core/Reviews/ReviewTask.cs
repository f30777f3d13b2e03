using DataEngine.Core.Annotations;

namespace DataEngine.Core.Reviews;

/// <summary>
/// One item sent to human review for one annotation task: what the models proposed (with their confidences), when the
/// workflow stops waiting, and how many reviewers should answer it (<see cref="Overlap"/>, for agreement).
/// </summary>
/// <param name="TaskId">Deterministic from (RunId, ItemId, Task): see <see cref="IdOf"/>.</param>
/// <param name="Task">The annotation task's name (e.g. <c>topic</c>).</param>
/// <param name="Proposals">The models' annotations shown to the reviewer, cheapest tier first.</param>
/// <param name="Deadline">When the waiting workflow gives up on answers and falls back.</param>
/// <param name="Overlap">Reviewers per item (k): more than one lets QA measure their agreement.</param>
public sealed record ReviewTask(
    string TaskId,
    string Dataset,
    string RunId,
    string ItemId,
    string Task,
    IReadOnlyList<Annotation> Proposals,
    DateTimeOffset CreatedAt,
    DateTimeOffset Deadline,
    int Overlap)
{
    /// <summary>The task id of an item's review for one annotation task; the same every time, so creating it is idempotent.</summary>
    public static string IdOf(string runId, string itemId, string task) => ReviewIds.Of("rt-", runId, itemId, task);

    // Compares the proposals by content: a record's generated equality would compare the list by reference.
    public bool Equals(ReviewTask? other) =>
        other is not null && TaskId == other.TaskId && Dataset == other.Dataset && RunId == other.RunId && ItemId == other.ItemId
        && Task == other.Task && Proposals.SequenceEqual(other.Proposals) && CreatedAt == other.CreatedAt && Deadline == other.Deadline
        && Overlap == other.Overlap;

    public override int GetHashCode() => HashCode.Combine(TaskId, Proposals.Count, CreatedAt, Deadline, Overlap);
}

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
/// <param name="Text">The item's text as the reviewer sees it (capped at <see cref="MaxTextLength"/> characters).</param>
/// <param name="Labels">The task's labels in their fixed order: the review page's keys 1–9 pick them.</param>
/// <param name="Instructions">What the label means, as the foundation model is told.</param>
/// <param name="Waiter">The durable orchestration instance that waits for the answers (its batch); null when the run did not wait (deferred review).</param>
public sealed record ReviewTask(
    string TaskId,
    string Dataset,
    string RunId,
    string ItemId,
    string Task,
    IReadOnlyList<Annotation> Proposals,
    DateTimeOffset CreatedAt,
    DateTimeOffset Deadline,
    int Overlap,
    string Text = "",
    IReadOnlyList<string>? Labels = null,
    string Instructions = "",
    string? Waiter = null)
{
    /// <summary>Longest item text stored with a task: enough to decide on, small enough for one Cosmos DB document.</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>The task's labels, never null.</summary>
    public IReadOnlyList<string> LabelList => Labels ?? [];

    /// <summary>The task id of an item's review for one annotation task; the same every time, so creating it is idempotent.</summary>
    public static string IdOf(string runId, string itemId, string task) => ReviewIds.Of("rt-", runId, itemId, task);

    // Compares the proposals by content: a record's generated equality would compare the list by reference.
    public bool Equals(ReviewTask? other) =>
        other is not null && TaskId == other.TaskId && Dataset == other.Dataset && RunId == other.RunId && ItemId == other.ItemId
        && Task == other.Task && Proposals.SequenceEqual(other.Proposals) && CreatedAt == other.CreatedAt && Deadline == other.Deadline
        && Overlap == other.Overlap && Text == other.Text && LabelList.SequenceEqual(other.LabelList)
        && Instructions == other.Instructions && Waiter == other.Waiter;

    public override int GetHashCode() => HashCode.Combine(TaskId, Proposals.Count, CreatedAt, Deadline, Overlap);
}

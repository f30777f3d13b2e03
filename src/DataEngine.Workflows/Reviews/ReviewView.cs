using DataEngine.Core.Reviews;

namespace DataEngine.Workflows.Reviews;

/// <summary>An assignment with its item, as the review API returns it (docs/review-api.md); names and enums as the page reads them.</summary>
public sealed record ReviewView(
    string AssignmentId,
    string TaskId,
    string Dataset,
    string RunId,
    string ItemId,
    string Task,
    string Instructions,
    IReadOnlyList<string> Labels,
    string Text,
    string? Proposed,
    IReadOnlyList<ProposalView> Proposals,
    string Reviewer,
    string State,
    DateTimeOffset AssignedAt,
    DateTimeOffset Deadline,
    AnswerView? Answer)
{
    public static ReviewView Of(ReviewTask task, ReviewAssignment assignment) => new(
        assignment.AssignmentId,
        task.TaskId,
        task.Dataset,
        task.RunId,
        task.ItemId,
        task.Task,
        task.Instructions,
        task.LabelList,
        task.Text,
        ProposedLabel(task),
        [.. task.Proposals.Select(p => new ProposalView(p.Label, p.Confidence, p.By.ToString(), p.LowTrust, p.Failed, p.Reason))],
        assignment.Reviewer,
        Name(assignment.State),
        assignment.AssignedAt,
        DueAt(task, assignment),
        assignment.Answer is { } answer ? new AnswerView(Name(answer.Decision), answer.Label, answer.SecondsSpent, answer.AnsweredAt) : null);

    /// <summary>
    /// When the assignment's answers are due. A task stores its first round's deadline; a reassigned (or escalated) round
    /// runs as long from when its assignments were made, so its due time is that span after the assignment (within the
    /// moment between the orchestration's timer and the step that assigned it: milliseconds to seconds, never less).
    /// </summary>
    public static DateTimeOffset DueAt(ReviewTask task, ReviewAssignment assignment)
    {
        var span = task.Deadline - task.CreatedAt;
        return assignment.AssignedAt > task.CreatedAt ? assignment.AssignedAt + span : task.Deadline;
    }

    /// <summary>The label an approval accepts: the most expensive tier's usable answer (as the batch's verdict reads it).</summary>
    public static string? ProposedLabel(ReviewTask task) => task.Proposals.LastOrDefault(p => p is { Failed: false, Label: not null })?.Label;

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

public sealed record ProposalView(string? Label, double Confidence, string By, bool LowTrust, bool Failed, string? Reason);

public sealed record AnswerView(string Decision, string? Label, double SecondsSpent, DateTimeOffset AnsweredAt);

/// <summary>The body of an answer: <c>decision</c> is approve, reject, label or skip.</summary>
public sealed record AnswerRequest(string? Reviewer, string? Decision, string? Label, double? SecondsSpent);

/// <summary>A page of a reviewer's open assignments; <see cref="Next"/> is the cursor of the next page, or null.</summary>
public sealed record ReviewListView(string Reviewer, IReadOnlyList<ReviewView> Items, string? Next);

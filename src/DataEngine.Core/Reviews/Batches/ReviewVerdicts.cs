using System.Globalization;
using DataEngine.Core.Annotations;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Turns a review task's answers into annotations: one per reviewer who voted, and the verdict they reached. Pure.
/// </summary>
/// <remarks>
/// Approve accepts the best model label (the last tier's usable answer); reject says it is wrong, which in a binary task
/// is a vote for the other label and in a multiclass task a vote against without a label; label votes for its label;
/// skip abstains. The verdict is the label with strictly more votes than any other; its confidence is the share of the
/// voting reviewers who gave it. A tie, or only rejections of a multiclass label, is no verdict: the item keeps the model
/// label marked low trust.
/// </remarks>
public static class ReviewVerdicts
{
    /// <param name="labels">The task's labels in order.</param>
    /// <param name="proposed">The label an approval accepts (the best model label), or null when no model gave one.</param>
    /// <param name="assignments">The task's assignments in any state; only answered ones count, in the order answered.</param>
    public static (IReadOnlyList<Annotation> Reviews, Annotation? Verdict) Decide(
        string task, AnnotationKind kind, IReadOnlyList<string> labels, string? proposed, IReadOnlyList<ReviewAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(assignments);
        var reviews = new List<Annotation>();
        foreach (var assignment in assignments
            .Where(a => a is { State: ReviewAssignmentState.Answered, Answer: not null })
            .OrderBy(a => a.Answer!.AnsweredAt)
            .ThenBy(a => a.AssignmentId, StringComparer.Ordinal))
        {
            if (Vote(kind, labels, proposed, assignment.Answer!) is { } vote)
            {
                reviews.Add(new Annotation(task, vote.Label, null, 1.0, new Annotator(AnnotatorKind.Human, assignment.Reviewer),
                    LatencyMs: Math.Max(0, assignment.Answer!.SecondsSpent) * 1000, Reason: vote.Reason));
            }
        }

        return (reviews, Verdict(reviews));
    }

    static (string? Label, string Reason)? Vote(AnnotationKind kind, IReadOnlyList<string> labels, string? proposed, ReviewAnswer answer) =>
        answer.Decision switch
        {
            ReviewAction.Approve when proposed is not null => (proposed, $"approved '{proposed}'"),
            ReviewAction.Reject when proposed is not null && kind == AnnotationKind.Binary && labels.Count == 2 =>
                (labels[0] == proposed ? labels[1] : labels[0], $"rejected '{proposed}'"),
            ReviewAction.Reject when proposed is not null => (null, $"rejected '{proposed}'"),
            ReviewAction.Label when answer.Label is { } label && labels.Contains(label, StringComparer.Ordinal) => (label, $"labelled '{label}'"),
            _ => null,
        };

    static Annotation? Verdict(List<Annotation> reviews)
    {
        var counts = reviews.Where(r => r.Label is not null).GroupBy(r => r.Label!, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Votes: g.Count())).OrderByDescending(g => g.Votes).ToList();
        if (counts.Count == 0 || (counts.Count > 1 && counts[1].Votes == counts[0].Votes))
        {
            return null;
        }

        var (label, votes) = counts[0];
        var first = reviews.First(r => r.Label == label);
        return first with
        {
            Confidence = (double)votes / reviews.Count,
            Reason = string.Create(CultureInfo.InvariantCulture, $"{votes} of {reviews.Count} reviewers: '{label}'"),
        };
    }
}

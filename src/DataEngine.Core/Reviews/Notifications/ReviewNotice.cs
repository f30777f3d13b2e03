namespace DataEngine.Core.Reviews.Notifications;

/// <summary>What a notifier delivers for one assignment: the task, the reviewer's assignment, their review page and their links.</summary>
/// <param name="PageUrl">The reviewer's web page (all their open assignments), unsigned: it holds no credential.</param>
/// <param name="Links">Approve, reject, one per label (at most <see cref="ReviewLinks.MaxLabelLinks"/>), skip, in that order.</param>
public sealed record ReviewNotice(ReviewTask Task, ReviewAssignment Assignment, string PageUrl, IReadOnlyList<ReviewLink> Links)
{
    /// <summary>The reviewer the notice is for.</summary>
    public string Reviewer => Assignment.Reviewer;

    /// <summary>The first link for <paramref name="action"/>, or null (a task with no labels has no label links).</summary>
    public ReviewLink? LinkFor(ReviewAction action) => Links.FirstOrDefault(link => link.Action == action);

    /// <summary>The label links in the task's label order.</summary>
    public IEnumerable<ReviewLink> LabelLinks => Links.Where(link => link.Action == ReviewAction.Label);
}

using DataEngine.Core.Reviews.Notifications;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Reviews;

/// <summary>
/// The local notifier: one log line per assignment (shown with --verbose) (reviewer and page), since a local run may open a hundred
/// reviews and the review page lists them all anyway. Counts what it delivered so a command can say so once.
/// </summary>
public sealed class LoggedReviewNotifier(ILogger<LoggedReviewNotifier> log) : IReviewNotifier
{
    int _delivered;

    public int Delivered => Volatile.Read(ref _delivered);

    public Task NotifyAsync(ReviewNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Interlocked.Increment(ref _delivered);
        log.LogInformation("Review of item {Item} ({Task}) assigned to {Reviewer}: {Page}", notice.Task.ItemId, notice.Task.Task, notice.Reviewer, notice.PageUrl);
        return Task.CompletedTask;
    }
}

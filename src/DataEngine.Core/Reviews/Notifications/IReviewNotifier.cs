namespace DataEngine.Core.Reviews.Notifications;

/// <summary>Delivers one review assignment, with its signed one-click links, to its reviewer (console, chat webhook, e-mail).</summary>
public interface IReviewNotifier
{
    /// <summary>Delivers <paramref name="notice"/>; throws when it could not, so the calling step can retry.</summary>
    Task NotifyAsync(ReviewNotice notice, CancellationToken cancellationToken);
}

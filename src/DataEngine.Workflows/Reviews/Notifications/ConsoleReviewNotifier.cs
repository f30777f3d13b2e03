using System.Text;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using Microsoft.Extensions.Logging;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>Writes each notice as one readable block to the log: the local CLI's notifier, where the reviewer is at the terminal.</summary>
public sealed partial class ConsoleReviewNotifier(ILogger<ConsoleReviewNotifier> logger) : IReviewNotifier
{
    /// <summary>Characters of the item's text shown in the block.</summary>
    public const int PreviewLength = 200;

    public Task NotifyAsync(ReviewNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        LogNotice(logger, notice.Reviewer, notice.Task.ItemId, Format(notice));
        return Task.CompletedTask;
    }

    /// <summary>The block written for <paramref name="notice"/>.</summary>
    public static string Format(ReviewNotice notice)
    {
        var task = notice.Task;
        var text = ReviewNoticeText.Preview(task.Text, PreviewLength);
        var block = new StringBuilder()
            .AppendLine()
            .AppendLine($"  reviewer:   {notice.Reviewer}")
            .AppendLine($"  item:       {task.ItemId} ({task.Dataset}, run {task.RunId})")
            .AppendLine($"  task:       {task.Task}{(task.LabelList.Count > 0 ? " [" + string.Join(", ", task.LabelList) + "]" : "")}")
            .AppendLine($"  text:       {text}")
            .AppendLine($"  deadline:   {task.Deadline:u}")
            .AppendLine($"  page:       {notice.PageUrl}");
        foreach (var link in notice.Links)
        {
            block.AppendLine($"  {ReviewNoticeText.LinkName(link) + ":",-11} {link.Url}");
        }

        return block.ToString().TrimEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review for {Reviewer}, item {ItemId}:{Block}")]
    private static partial void LogNotice(ILogger logger, string reviewer, string itemId, string block);
}

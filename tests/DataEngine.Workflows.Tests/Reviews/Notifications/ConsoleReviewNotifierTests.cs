using DataEngine.Core.Reviews.Notifications;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static DataEngine.Workflows.Tests.Reviews.Notifications.NotificationFixtures;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

public sealed class ConsoleReviewNotifierTests
{
    [Fact]
    public async Task Without_a_webhook_each_assignment_is_logged_as_one_block_with_its_page_and_links()
    {
        var logs = new ListLoggerProvider();
        await using var services = Services(new Dictionary<string, string?>(), logs);
        var notifier = services.GetRequiredService<IReviewNotifier>();
        var task = Task(text: new string('x', 150) + "\n" + new string('y', 150));
        var notice = services.GetRequiredService<ReviewLinks>().NoticeFor(task, Assignment(task, "alice"));

        await notifier.NotifyAsync(notice, CancellationToken.None);

        Assert.IsType<ConsoleReviewNotifier>(notifier);
        var (category, level, message) = Assert.Single(logs.Entries, e => e.Category == typeof(ConsoleReviewNotifier).FullName);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("alice", message, StringComparison.Ordinal);
        Assert.Contains("item-7", message, StringComparison.Ordinal);
        Assert.Contains("spam", message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:7071/review?reviewer=alice", message, StringComparison.Ordinal);
        Assert.All(notice.Links, link => Assert.Contains(link.Url, message, StringComparison.Ordinal));
        Assert.Contains(new string('x', 150) + " " + new string('y', 49) + "…", message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('y', 50), message, StringComparison.Ordinal);
        Assert.Contains("label spam:", message, StringComparison.Ordinal);
    }
}

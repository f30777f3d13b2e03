using System.Net;
using System.Text.Json;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DataEngine.Workflows.Tests.Reviews.Notifications.NotificationFixtures;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

public sealed class WebhookReviewNotifierTests
{
    private const string SecretPath = "/hooks/T000/B000/s3cr3tPath";
    private const string SecretQuery = "?sig=s3cr3tQuery";

    [Fact]
    public async Task The_webhook_receives_the_documented_json_with_the_links()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = ServicesFor(receiver);
        var notice = Notice(services);

        await services.GetRequiredService<IReviewNotifier>().NotifyAsync(notice, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", SecretPath, SecretQuery), (request.Method, request.Path, request.Query));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        var task = notice.Task;
        Assert.Equal("alice", root.GetProperty("reviewer").GetString());
        Assert.Equal(notice.Assignment.AssignmentId, root.GetProperty("assignmentId").GetString());
        Assert.Equal(task.TaskId, root.GetProperty("taskId").GetString());
        Assert.Equal("mail", root.GetProperty("dataset").GetString());
        Assert.Equal("mail-0123", root.GetProperty("runId").GetString());
        Assert.Equal("item-7", root.GetProperty("itemId").GetString());
        Assert.Equal("spam", root.GetProperty("task").GetString());
        Assert.Equal(["ham", "spam"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        var proposal = Assert.Single(root.GetProperty("proposals").EnumerateArray());
        Assert.Equal("spam", proposal.GetProperty("label").GetString());
        Assert.Equal(0.71, proposal.GetProperty("confidence").GetDouble());
        Assert.Equal("light_model:ngram-spam@3f2a", proposal.GetProperty("by").GetString());
        Assert.Equal(task.Deadline, root.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(notice.PageUrl, root.GetProperty("pageUrl").GetString());

        var links = root.GetProperty("links");
        Assert.Equal(notice.LinkFor(ReviewAction.Approve)!.Url, links.GetProperty("approve").GetString());
        Assert.Equal(notice.LinkFor(ReviewAction.Reject)!.Url, links.GetProperty("reject").GetString());
        Assert.Equal(notice.LinkFor(ReviewAction.Skip)!.Url, links.GetProperty("skip").GetString());
        var labelLinks = links.GetProperty("label");
        foreach (var link in notice.LabelLinks)
        {
            Assert.Equal(link.Url, labelLinks.GetProperty(link.Label!).GetString());
        }

        var text = root.GetProperty("text").GetString()!;
        Assert.Contains($"[approve]({notice.LinkFor(ReviewAction.Approve)!.Url})", text, StringComparison.Ordinal);
        Assert.Contains("Win a free cruise now!", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public async Task A_server_error_is_retried_until_the_webhook_accepts()
    {
        var logs = new ListLoggerProvider();
        await using var receiver = await WebhookReceiver.StartAsync(500);
        await using var services = ServicesFor(receiver, logs);

        await services.GetRequiredService<IReviewNotifier>().NotifyAsync(Notice(services), CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        Assert.Contains(logs.Entries, e => e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_not_found_throws_naming_the_host_and_status_but_not_the_secret_url()
    {
        var logs = new ListLoggerProvider();
        await using var receiver = await WebhookReceiver.StartAsync(404);
        await using var services = ServicesFor(receiver, logs);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            services.GetRequiredService<IReviewNotifier>().NotifyAsync(Notice(services), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_cannot_smuggle_its_own_links_into_the_message()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = ServicesFor(receiver);
        var task = Task(text: "Click `[here](https://evil.example)` or <https://evil.example|here>");
        var notice = services.GetRequiredService<ReviewLinks>().NoticeFor(task, Assignment(task));

        await services.GetRequiredService<IReviewNotifier>().NotifyAsync(notice, CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("`Click '[here](https://evil.example)' or ‹https://evil.example|here›`", text, StringComparison.Ordinal);
    }

    private static ServiceProvider ServicesFor(WebhookReceiver receiver, ListLoggerProvider? logs = null) => Services(new Dictionary<string, string?>
    {
        ["DataEngine:Reviews:WebhookUrl"] = new Uri(receiver.BaseAddress, SecretPath + SecretQuery).AbsoluteUri,
        ["DataEngine:Reviews:PublicBaseUrl"] = "https://myapp.azurewebsites.net",
        ["DataEngine:Reviews:PagePath"] = "/api/review-page",

        // The retry still happens; it just does not wait the production back-off.
        ["DataEngine:Reviews:WebhookResilience:Retry:Delay"] = "00:00:00",
    }, logs);

    private static ReviewNotice Notice(IServiceProvider services)
    {
        var task = Task();
        return services.GetRequiredService<ReviewLinks>().NoticeFor(task, Assignment(task));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using DataEngine.Core.Reviews.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>Posts each notice as JSON to a configured incoming webhook (Slack, Microsoft Teams, Google Chat, or any endpoint).</summary>
/// <remarks>A typed client: its <see cref="HttpClient"/> carries the standard resilience handler (retries, timeouts, circuit breaker).</remarks>
public sealed partial class WebhookReviewNotifier(HttpClient http, IOptions<ReviewNotifierOptions> options, ILogger<WebhookReviewNotifier> logger)
    : IReviewNotifier
{
    /// <summary>The name of the notifier's <see cref="HttpClient"/> and of its resilience pipeline.</summary>
    public const string HttpClientName = "DataEngine.ReviewWebhook";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task NotifyAsync(ReviewNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var url = new Uri(options.Value.WebhookUrl
            ?? throw new InvalidOperationException($"{ReviewNotifierOptions.Section}:{nameof(ReviewNotifierOptions.WebhookUrl)} is not set."));

        using var response = await http.PostAsJsonAsync(url, WebhookReviewPayload.From(notice), Json, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The host only: a webhook's path and query are its secret.
            throw new HttpRequestException(
                $"The review webhook at {url.Host} answered {(int)response.StatusCode} ({response.ReasonPhrase}) for assignment "
                + $"{notice.Assignment.AssignmentId} (after any retries).",
                null,
                response.StatusCode);
        }

        LogDelivered(logger, notice.Assignment.AssignmentId, notice.Reviewer, url.Host);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review assignment {AssignmentId} sent to {Reviewer} through the webhook at {WebhookHost}")]
    private static partial void LogDelivered(ILogger logger, string assignmentId, string reviewer, string webhookHost);
}

using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Reviews;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>Where review links point and where notices go, bound from <c>DataEngine:Reviews</c> and validated at start-up.</summary>
public sealed class ReviewNotifierOptions : IValidatableObject
{
    public const string Section = ReviewTokenOptions.Section;

    /// <summary>The app's address as reviewers reach it; links and the page URL are built under it.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The review page's path: <c>/review</c> for <c>dataengine serve</c>, <c>/api/review-page</c> for the Functions app.</summary>
    [Required]
    public string PagePath { get; set; } = "/review";

    /// <summary>An incoming-webhook URL (Slack, Microsoft Teams, Google Chat, or any JSON endpoint); unset writes notices to the log.</summary>
    /// <remarks>Such URLs usually carry their secret in the path or query, so no message or log line ever contains it.</remarks>
    public string? WebhookUrl { get; set; }

    /// <summary>Whether notices go to <see cref="WebhookUrl"/>.</summary>
    public bool UsesWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(PublicBaseUrl, out var baseUrl) || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(PublicBaseUrl)} must be an absolute http or https URL without a query, e.g. https://myapp.azurewebsites.net.",
                [nameof(PublicBaseUrl)]);
        }

        if (string.IsNullOrWhiteSpace(PagePath) || !PagePath.StartsWith('/') || PagePath.Contains('?') || PagePath.Contains('#'))
        {
            yield return new ValidationResult($"{Section}:{nameof(PagePath)} must be a path starting with '/', e.g. /api/review-page.", [nameof(PagePath)]);
        }

        // The value itself is never echoed: it is a credential.
        if (UsesWebhook && !IsHttpUrl(WebhookUrl, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(WebhookUrl)} must be an absolute http or https URL.", [nameof(WebhookUrl)]);
        }
    }

    private static bool IsHttpUrl(string? text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

/// <summary>A review task, its assignment, a signer and a clock that stands still, shared by the notification tests.</summary>
internal static class NotificationFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static ReviewTokenSigner Signer() => ReviewTokenSigner.FromBase64(SigningKey);

    public static ReviewTask Task(DateTimeOffset? deadline = null, IReadOnlyList<string>? labels = null, string text = "Win a free cruise now!") =>
        new(
            ReviewTask.IdOf("mail-0123", "item-7", "spam"),
            "mail",
            "mail-0123",
            "item-7",
            "spam",
            [new Annotation("spam", "spam", null, 0.71, new Annotator(AnnotatorKind.LightModel, "ngram-spam", "3f2a"))],
            Now,
            deadline ?? Now.AddHours(24),
            1,
            text,
            labels ?? ["ham", "spam"],
            "Is this message unsolicited bulk mail?");

    public static ReviewAssignment Assignment(ReviewTask task, string reviewer = "alice") => ReviewAssignment.Open(task, reviewer, 0, Now);

    public static ReviewLinks Links(TimeSpan? lifetime = null, string baseUrl = "http://127.0.0.1:7071", string pagePath = "/review") =>
        new(Signer(), new Uri(baseUrl), new FixedClock(Now), lifetime ?? TimeSpan.FromHours(48), pagePath);

    /// <summary>A link's query parameters, unescaped.</summary>
    public static (string Token, string Reviewer) Query(string url)
    {
        var query = QueryHelpers.ParseQuery(new Uri(url).Query);
        return (query["token"].ToString(), query["reviewer"].ToString());
    }

    public static ServiceProvider Services(IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataEngine:Reviews:SigningKey"] = SigningKey })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddDataEngineReviewNotifications(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

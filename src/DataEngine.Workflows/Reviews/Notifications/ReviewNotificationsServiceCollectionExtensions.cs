using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>Registers review-link signing, link building and the notifier: one call wires all three.</summary>
public static class ReviewNotificationsServiceCollectionExtensions
{
    /// <summary>Optional section (under <c>DataEngine:Reviews</c>) that tunes the webhook's <see cref="HttpStandardResilienceOptions"/>.</summary>
    public const string WebhookResilienceSection = ReviewNotifierOptions.Section + ":WebhookResilience";

    /// <summary>
    /// <see cref="ReviewTokenOptions"/> and <see cref="ReviewNotifierOptions"/> from <c>DataEngine:Reviews</c> (validated at
    /// start-up), a singleton <see cref="ReviewTokenSigner"/> and <see cref="ReviewLinks"/>, and <see cref="IReviewNotifier"/>:
    /// <see cref="WebhookReviewNotifier"/> when <see cref="ReviewNotifierOptions.WebhookUrl"/> is set, else <see cref="ConsoleReviewNotifier"/>.
    /// </summary>
    public static IServiceCollection AddDataEngineReviewNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReviewTokenOptions>()
            .Bind(configuration.GetSection(ReviewTokenOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ReviewNotifierOptions>()
            .Bind(configuration.GetSection(ReviewNotifierOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => ReviewTokenSigner.FromOptions(provider.GetRequiredService<IOptions<ReviewTokenOptions>>().Value));
        services.TryAddSingleton(provider =>
        {
            var notifier = provider.GetRequiredService<IOptions<ReviewNotifierOptions>>().Value;
            return new ReviewLinks(
                provider.GetRequiredService<ReviewTokenSigner>(),
                new Uri(notifier.PublicBaseUrl, UriKind.Absolute),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IOptions<ReviewTokenOptions>>().Value.LinkLifetime,
                notifier.PagePath);
        });

        services.TryAddSingleton<ConsoleReviewNotifier>();
        var webhook = services.AddHttpClient<WebhookReviewNotifier>(WebhookReviewNotifier.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's timeouts rule
            // The default request logs name the full URL, and a webhook's path or query is its secret: the notifier logs the host.
            .RemoveAllLoggers()
            // A consumer may hold the notifier for the app's lifetime: recycle pooled connections rather than the handler,
            // so DNS changes are still seen.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler();
        var resilience = configuration.GetSection(WebhookResilienceSection);
        if (resilience.Exists())
        {
            // Configure refuses a missing section; without one the standard settings apply.
            webhook.Configure(resilience);
        }

        // Chosen from the bound options when resolved, so the configuration the host validated is the one that decides.
        services.TryAddTransient<IReviewNotifier>(provider =>
            provider.GetRequiredService<IOptions<ReviewNotifierOptions>>().Value.UsesWebhook
                ? provider.GetRequiredService<WebhookReviewNotifier>()
                : provider.GetRequiredService<ConsoleReviewNotifier>());
        return services;
    }
}

using DataEngine.Core.Reviews.Notifications;
using DataEngine.Local;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.DependencyInjection;
using DataEngine.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DataEngine.Cli.Profiles;

/// <summary>Starts the local engine for a profile, with the model tiers configured from the environment: one composition for every command.</summary>
static class EngineLauncher
{
    /// <exception cref="InvalidOperationException">The profile's stores are not reachable (local-azure without emulators or settings).</exception>
    /// <param name="reviewBaseUrl">Where this process serves the review page and links (<c>serve</c>, <c>run --review web</c>);
    /// null leaves the default, <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="consoleNotices">Print each review assignment with its links (the console notifier) unless a webhook is configured.</param>
    public static async Task<LocalEngine> StartAsync(
        string profileName, string outFolder, ILoggerFactory loggerFactory, CancellationToken cancellationToken, Uri? reviewBaseUrl = null,
        bool consoleNotices = false)
    {
        var profile = await EngineProfiles.ForAsync(profileName, outFolder, cancellationToken);

        // Model tiers and review settings from the environment: DataEngine__Foundation__Endpoint, DataEngine__Foundation__ApiKey,
        // DataEngine__Models__ExecutionProvider, DataEngine__Reviews__WebhookUrl, ... (README, "Annotation" and "Human review").
        var defaults = new Dictionary<string, string?>();
        if (reviewBaseUrl is not null)
        {
            defaults["DataEngine:Reviews:PublicBaseUrl"] = reviewBaseUrl.AbsoluteUri.TrimEnd('/');
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(defaults).AddEnvironmentVariables().Build();
        return await LocalEngine.StartAsync(
            outFolder,
            loggerFactory,
            configureServices: services =>
            {
                services.AddDataEngineModels(configuration);
                if (consoleNotices && string.IsNullOrWhiteSpace(configuration["DataEngine:Reviews:WebhookUrl"]))
                {
                    services.AddSingleton<IReviewNotifier>(provider => provider.GetRequiredService<ConsoleReviewNotifier>());
                }
            },
            storage: profile.Storage,
            durable: profile.Durable,
            cancellationToken: cancellationToken,
            configuration: configuration);
    }
}

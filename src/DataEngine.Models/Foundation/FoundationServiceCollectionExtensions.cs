using DataEngine.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Foundation;

/// <summary>Registers the foundation-model tier.</summary>
public static class FoundationServiceCollectionExtensions
{
    /// <summary>The name of the tier's <see cref="HttpClient"/> (and of its resilience pipeline and circuit breaker).</summary>
    public const string HttpClientName = "DataEngine.Foundation";

    /// <summary>The key of the tier's <see cref="IChatClient"/>, so it never collides with another chat client in the app.</summary>
    public const string ChatClientKey = "DataEngine.Foundation";

    /// <summary>
    /// <see cref="IFoundationAnnotator"/> as a singleton <see cref="FoundationAnnotator"/> configured from
    /// <c>DataEngine:Foundation</c> (<see cref="FoundationModelOptions"/>, validated at start-up), over a keyed
    /// <see cref="IChatClient"/> whose <see cref="HttpClient"/> carries the standard resilience handler.
    /// </summary>
    public static IServiceCollection AddDataEngineFoundationModel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FoundationModelOptions>()
            .Bind(configuration.GetSection(FoundationModelOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's timeouts rule
            // One long-lived client, held by the singleton SDK client: its pooled connections are recycled instead of its
            // handler, so DNS changes are still seen.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) =>
                FoundationResilience.Configure(resilience, provider.GetRequiredService<IOptions<FoundationModelOptions>>().Value));

        services.AddKeyedSingleton(ChatClientKey, (provider, _) => FoundationChatClient.Create(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<FoundationModelOptions>>().Value));
        services.AddSingleton(provider => new FoundationAnnotator(
            provider.GetRequiredKeyedService<IChatClient>(ChatClientKey),
            provider.GetRequiredService<IOptions<FoundationModelOptions>>(),
            provider.GetService<ILogger<FoundationAnnotator>>()));
        services.AddSingleton<IFoundationAnnotator>(provider => provider.GetRequiredService<FoundationAnnotator>());
        return services;
    }
}

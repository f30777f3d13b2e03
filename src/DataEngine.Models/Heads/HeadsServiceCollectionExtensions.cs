using DataEngine.Core.Ports;
using DataEngine.Models.HashedNgrams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Heads;

/// <summary>Registers the light tier.</summary>
public static class HeadsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ILightAnnotator"/> as a singleton <see cref="LightAnnotator"/> with its trainers, scorers (which hold
    /// the loaded heads) and store, configured from <c>DataEngine:Models:Heads</c> (<see cref="HeadOptions"/>, validated
    /// at start-up). Needs an <see cref="IBlobStore"/>.
    /// </summary>
    public static IServiceCollection AddDataEngineLightHeads(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HeadOptions>()
            .Bind(configuration.GetSection(HeadOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<HeadOptions>>().Value);
        services.AddSingleton(_ => new NgramFeaturizer());
        services.AddSingleton(provider => new HeadStore(provider.GetRequiredService<IBlobStore>()));
        services.AddSingleton<HeadTrainer>();
        services.AddSingleton<NgramTrainer>();
        services.AddSingleton<HeadScorer>();
        services.AddSingleton<NgramScorer>();
        services.AddSingleton<HeadPromoter>();
        services.AddSingleton<HeadTraining>();
        services.AddSingleton(provider => new LightAnnotator(
            provider.GetRequiredService<HeadStore>(),
            provider.GetRequiredService<HeadScorer>(),
            provider.GetRequiredService<NgramScorer>(),
            provider.GetRequiredService<HeadTraining>(),
            provider.GetService<ILogger<LightAnnotator>>()));
        services.AddSingleton<ILightAnnotator>(provider => provider.GetRequiredService<LightAnnotator>());
        return services;
    }
}

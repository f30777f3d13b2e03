using DataEngine.Models.Embeddings;
using DataEngine.Models.Foundation;
using DataEngine.Models.Heads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Models;

/// <summary>Registers the model tiers a host has, from configuration: one call for the Functions app and the CLI.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// The light heads always; the MiniLM embedder unless <c>DataEngine:Models:Embedder</c> is <c>none</c> (the n-gram
    /// head then answers alone); the foundation-model client only when <c>DataEngine:Foundation:Endpoint</c> is set
    /// (without it the cascade has no foundation budget). Needs an IBlobStore for the heads.
    /// </summary>
    public static IServiceCollection AddDataEngineModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataEngineLightHeads(configuration);
        if (!string.Equals(configuration[$"{ModelsOptions.Section}:Embedder"], "none", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDataEngineEmbedder(configuration);
        }

        if (!string.IsNullOrWhiteSpace(configuration[$"{FoundationModelOptions.SectionName}:{nameof(FoundationModelOptions.Endpoint)}"]))
        {
            services.AddDataEngineFoundationModel(configuration);
        }

        return services;
    }
}

using DataEngine.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Embeddings;

/// <summary>Registers the text embedder: <see cref="ITextEmbedder"/> as the process's one <see cref="OnnxTextEmbedder"/>.</summary>
public static class EmbedderServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ModelsOptions"/> from <c>DataEngine:Models</c>, validated at start-up (a provider this build lacks
    /// fails there, naming the build flag), and registers <see cref="OnnxTextEmbedder"/> as a singleton, created on first use.
    /// </summary>
    public static IServiceCollection AddDataEngineEmbedder(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ModelsOptions>()
            .Bind(configuration.GetSection(ModelsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new OnnxTextEmbedder(provider.GetRequiredService<IOptions<ModelsOptions>>().Value));
        services.TryAddSingleton<ITextEmbedder>(provider => provider.GetRequiredService<OnnxTextEmbedder>());
        return services;
    }
}

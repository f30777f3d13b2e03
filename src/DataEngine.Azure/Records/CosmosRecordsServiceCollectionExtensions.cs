using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Records;

/// <summary>Registers the Cosmos DB record store, review store and review-link ledger.</summary>
public static class CosmosRecordsServiceCollectionExtensions
{
    /// <summary>The key of the record store's own <see cref="CosmosClient"/>, so it never collides with another Cosmos client in the app.</summary>
    public const string ClientKey = "DataEngine.Records";

    /// <summary>
    /// <see cref="IRecordStore"/> as a singleton <see cref="CosmosRecordStore"/> and <see cref="IReviewStore"/> as a singleton
    /// <see cref="CosmosReviewStore"/> and <see cref="IReviewTokenLedger"/> as a singleton <see cref="CosmosReviewTokenLedger"/>
    /// (one client, one database), configured from <c>DataEngine:Cosmos</c>:
    /// <c>ConnectionString</c> locally (key auth; a loopback endpoint gets the emulator settings), or <c>AccountEndpoint</c>
    /// in Azure with the credential Microsoft.Extensions.Azure builds from the same section (DefaultAzureCredential unless
    /// it names another, e.g. <c>credential: managedidentity</c> with a <c>clientId</c>). Options are validated at start-up;
    /// the database and containers are created, when missing, at first use.
    /// </summary>
    public static IServiceCollection AddDataEngineCosmosRecords(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CosmosRecordsOptions.SectionName);
        services.AddOptions<CosmosRecordsOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAzureClientsCore();

        services.AddKeyedSingleton(ClientKey, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value;
            var credential = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section)
                : null;
            return CosmosRecordsClient.Create(options, credential);
        });
        services.AddSingleton(provider => new CosmosRecordStore(
            provider.GetRequiredKeyedService<CosmosClient>(ClientKey),
            provider.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value));
        services.AddSingleton<IRecordStore>(provider => provider.GetRequiredService<CosmosRecordStore>());
        services.AddSingleton(provider => new CosmosReviewStore(
            provider.GetRequiredKeyedService<CosmosClient>(ClientKey),
            provider.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value));
        services.AddSingleton<IReviewStore>(provider => provider.GetRequiredService<CosmosReviewStore>());
        services.AddSingleton(provider => new CosmosReviewTokenLedger(
            provider.GetRequiredKeyedService<CosmosClient>(ClientKey),
            provider.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value));
        services.AddSingleton<IReviewTokenLedger>(provider => provider.GetRequiredService<CosmosReviewTokenLedger>());
        return services;
    }
}

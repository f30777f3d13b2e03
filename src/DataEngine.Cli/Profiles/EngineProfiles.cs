using DataEngine.Azure.Blobs;
using DataEngine.Azure.Records;
using DataEngine.Local;
using DataEngine.Local.Emulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Profiles;

/// <summary>
/// Where a local run keeps its data. <c>embedded</c>: a folder and SQLite under the output folder. <c>local-azure</c>:
/// the Azure adapters (Blob Storage, Cosmos DB) on the emulators, exactly as the Functions app composes them.
/// </summary>
static class EngineProfiles
{
    public const string Embedded = "embedded";
    public const string LocalAzure = "local-azure";

    public static readonly IReadOnlyList<string> Names = [Embedded, LocalAzure];

    const string StorageKey = "DataEngine:Storage:ConnectionString";
    const string CosmosKey = "DataEngine:Cosmos:ConnectionString";

    /// <summary>
    /// The storage registration for a profile: null for the embedded stores (the engine's default). For local-azure,
    /// the settings come from the environment (DataEngine__Storage__ConnectionString, DataEngine__Cosmos__ConnectionString,
    /// ...) or else from the emulators that <c>dataengine emulators start</c> left running for this output folder.
    /// </summary>
    /// <exception cref="InvalidOperationException">local-azure without settings and without running emulators.</exception>
    public static async Task<Action<IServiceCollection>?> StorageForAsync(string profile, string outFolder, CancellationToken cancellationToken)
    {
        if (profile == Embedded)
        {
            return null;
        }

        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var settings = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(environment[StorageKey]) || string.IsNullOrEmpty(environment[CosmosKey]))
        {
            var status = await DetachedEmulators.GetStatusAsync(LocalEngine.StateFolder(outFolder), cancellationToken);
            if (status is not { IsRunning: true })
            {
                throw new InvalidOperationException(
                    $"The {LocalAzure} profile needs Blob Storage and Cosmos DB: run `dataengine emulators start --state {LocalEngine.StateFolder(outFolder)}` first, " +
                    "or set DataEngine__Storage__ConnectionString and DataEngine__Cosmos__ConnectionString.");
            }

            settings[StorageKey] = status.State.Endpoints.StorageConnectionString;
            settings[CosmosKey] = status.State.Endpoints.CosmosConnectionString;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddEnvironmentVariables()
            .Build();
        return services =>
        {
            services.AddDataEngineAzureBlobs(configuration);
            services.AddDataEngineCosmosRecords(configuration);
        };
    }
}

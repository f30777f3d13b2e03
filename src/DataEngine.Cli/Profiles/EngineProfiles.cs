using DataEngine.Azure.Blobs;
using DataEngine.Azure.Records;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Local;
using DataEngine.Local.Durable;
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

    const string TaskHubKey = "DataEngine:Durable:TaskHub";

    /// <summary>
    /// The storage and durable backend for a profile: nulls for the embedded stores and the in-memory durable host (the
    /// engine's default). For local-azure, the settings come from the environment (DataEngine__Storage__ConnectionString,
    /// DataEngine__Cosmos__ConnectionString, DataEngine__Durable__TaskHub, ...) or else from the emulators that
    /// <c>dataengine emulators start</c> left running for this output folder; orchestrations then run on the Azure
    /// Storage provider in the same storage account, so their history survives the process.
    /// </summary>
    /// <exception cref="InvalidOperationException">local-azure without settings and without running emulators.</exception>
    public static async Task<EngineProfile> ForAsync(string profile, string outFolder, CancellationToken cancellationToken)
    {
        if (profile == Embedded)
        {
            return new EngineProfile(null, null);
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
        var storageConnection = configuration[StorageKey]!;
        var taskHub = configuration[TaskHubKey] is { Length: > 0 } hub ? hub : DefaultTaskHub(outFolder);
        return new EngineProfile(
            services =>
            {
                services.AddDataEngineAzureBlobs(configuration);
                services.AddDataEngineCosmosRecords(configuration);
            },
            (concurrency, loggerFactory, ct) => AzureStorageBackend.CreateAsync(storageConnection, taskHub, concurrency, loggerFactory, ct));
    }

    /// <summary>One task hub per output folder: two local runs on one Azurite with different output folders do not share work queues.</summary>
    static string DefaultTaskHub(string outFolder) =>
        "dataengine" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(outFolder))))[..8];
}

/// <summary>A profile's composition: the blob and record ports (null: embedded) and the durable backend (null: in memory).</summary>
sealed record EngineProfile(Action<IServiceCollection>? Storage, OrchestrationBackendFactory? Durable);

using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using DataEngine.Local.Emulators;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Tests.Emulators;

/// <summary>
/// One Azurite and one Cosmos DB server for every test class marked <c>[Collection("emulators")]</c>; started before
/// the first of them, stopped after the last. Without Node.js the start throws and those tests fail (not skip):
/// the adapters must be tested on every machine.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    EmulatorHost? _host;

    public EmulatorHost Host => _host ?? throw new InvalidOperationException("The emulators are not started.");

    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>Options that find the repository's emulators folder even when the tests run from an artifacts folder
    /// outside it (<c>--artifacts-path</c>).</summary>
    public static EmulatorOptions Options() => new() { EmulatorsDirectory = RepositoryEmulators() };

    /// <summary>A client for the Cosmos DB server as the adapters need it: Gateway mode, only the given endpoint, the
    /// self-signed certificate accepted, System.Text.Json (web defaults: camelCase) for items.</summary>
    public CosmosClient CreateCosmosClient(JsonSerializerOptions? json = null) => CreateCosmosClient(Host, json);

    public static CosmosClient CreateCosmosClient(EmulatorHost host, JsonSerializerOptions? json = null) =>
        new(host.CosmosEndpoint.ToString(), host.CosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = (_, _, _) => true,
            UseSystemTextJsonSerializerWithOptions = json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web),
        });

    public BlobServiceClient CreateBlobServiceClient() => new(Host.StorageConnectionString);

    static string? RepositoryEmulators([CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "emulators", "package.json")))
                return Path.Combine(dir, "emulators");
        }
        return null; // Built elsewhere: EmulatorHost searches from the current and the application's folders.
    }
}

[CollectionDefinition("emulators")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;

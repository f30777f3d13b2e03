using System.Text.Json;
using Azure.Storage.Blobs;
using DataEngine.Contracts.Emulators;
using DataEngine.Local.Emulators;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Tests.Emulators;

/// <summary>The emulators for this assembly's classes marked <c>[Collection("emulators")]</c>.</summary>
[CollectionDefinition("emulators")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;

/// <summary>SDK clients for the emulators, configured as the adapters need them.</summary>
public static class EmulatorClients
{
    /// <summary>A client for the Cosmos DB server as the adapters need it: Gateway mode, only the given endpoint, the
    /// self-signed certificate accepted, System.Text.Json (web defaults: camelCase) for items.</summary>
    public static CosmosClient CreateCosmosClient(this EmulatorFixture fixture, JsonSerializerOptions? json = null) =>
        CreateCosmosClient(fixture.Host, json);

    public static CosmosClient CreateCosmosClient(EmulatorHost host, JsonSerializerOptions? json = null) =>
        new(host.CosmosEndpoint.ToString(), host.CosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = (_, _, _) => true,
            UseSystemTextJsonSerializerWithOptions = json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web),
        });

    public static BlobServiceClient CreateBlobServiceClient(this EmulatorFixture fixture) => new(fixture.Host.StorageConnectionString);
}

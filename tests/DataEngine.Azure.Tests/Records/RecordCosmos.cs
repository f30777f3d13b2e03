using System.Collections.Concurrent;
using System.Net;
using DataEngine.Azure.Records;
using DataEngine.Local.Emulators;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Tests.Records;

/// <summary>The record store's clients for the emulator, one per endpoint (clients are heavy), and a database per test.</summary>
static class RecordCosmos
{
    static readonly ConcurrentDictionary<Uri, Lazy<CosmosClient>> Clients = new();

    public static CosmosRecordsOptions Options(EmulatorHost host, string? database = null) => new()
    {
        ConnectionString = host.CosmosConnectionString,
        DatabaseName = database ?? "records-" + Guid.NewGuid().ToString("N"),
    };

    public static CosmosClient Client(EmulatorHost host) =>
        Clients.GetOrAdd(host.CosmosEndpoint, _ => new Lazy<CosmosClient>(() => CosmosRecordsClient.Create(Options(host)))).Value;

    public static async Task DeleteDatabaseAsync(EmulatorHost host, string database)
    {
        try
        {
            await Client(host).GetDatabase(database).DeleteAsync();
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // never created: the test failed before its first call
        }
    }
}

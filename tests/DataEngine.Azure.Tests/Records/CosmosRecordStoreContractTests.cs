using DataEngine.Contracts.Emulators;
using DataEngine.Azure.Records;
using DataEngine.Azure.Tests.Emulators;
using DataEngine.Contracts;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Tests.Records;

/// <summary>
/// The record store contract against Cosmos DB on the local emulator: a new database per test. Pages are smaller than
/// the default, so the contract's listings of a few thousand records cross page boundaries.
/// </summary>
[Collection("emulators")]
public sealed class CosmosRecordStoreContractTests(EmulatorFixture emulators) : RecordStoreContract
{
    readonly string _database = "records-" + Guid.NewGuid().ToString("N");

    protected override Task<IRecordStore> CreateStoreAsync()
    {
        var options = RecordCosmos.Options(emulators.Host, _database);
        options.QueryPageSize = 500;
        return Task.FromResult<IRecordStore>(new CosmosRecordStore(RecordCosmos.Client(emulators.Host), options));
    }

    protected override Task DisposeStoreAsync(IRecordStore store) => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);
}

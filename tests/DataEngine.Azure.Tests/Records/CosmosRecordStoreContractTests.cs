using DataEngine.Contracts.Emulators;
using DataEngine.Azure.Records;
using DataEngine.Azure.Tests.Emulators;
using DataEngine.Contracts;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Tests.Records;

/// <summary>The record store contract against Cosmos DB on the local emulator: a new database per test.</summary>
[Collection("emulators")]
public sealed class CosmosRecordStoreContractTests(EmulatorFixture emulators) : RecordStoreContract
{
    readonly string _database = "records-" + Guid.NewGuid().ToString("N");

    protected override Task<IRecordStore> CreateStoreAsync() =>
        Task.FromResult<IRecordStore>(new CosmosRecordStore(RecordCosmos.Client(emulators.Host), RecordCosmos.Options(emulators.Host, _database)));

    protected override Task DisposeStoreAsync(IRecordStore store) => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);
}

using DataEngine.Contracts.Emulators;
using DataEngine.Azure.Records;
using DataEngine.Contracts;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Tests.Records;

/// <summary>The review store contract against Cosmos DB on the local emulator: a new database per test.</summary>
[Collection("emulators")]
public sealed class CosmosReviewStoreContractTests(EmulatorFixture emulators) : ReviewStoreContract
{
    readonly string _database = "reviews-" + Guid.NewGuid().ToString("N");

    protected override Task<IReviewStore> CreateStoreAsync() =>
        Task.FromResult<IReviewStore>(new CosmosReviewStore(RecordCosmos.Client(emulators.Host), RecordCosmos.Options(emulators.Host, _database)));

    protected override Task DisposeStoreAsync(IReviewStore store) => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);
}

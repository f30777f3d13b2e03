using DataEngine.Azure.Records;
using DataEngine.Contracts;
using DataEngine.Contracts.Emulators;
using DataEngine.Core.Reviews;

namespace DataEngine.Azure.Tests.Records;

/// <summary>The review-link ledger contract against Cosmos DB on the local emulator: a new database per test.</summary>
[Collection("emulators")]
public sealed class CosmosReviewTokenLedgerContractTests(EmulatorFixture emulators) : ReviewTokenLedgerContract
{
    readonly string _database = "links-" + Guid.NewGuid().ToString("N");

    protected override Task<IReviewTokenLedger> CreateLedgerAsync() =>
        Task.FromResult<IReviewTokenLedger>(new CosmosReviewTokenLedger(RecordCosmos.Client(emulators.Host), RecordCosmos.Options(emulators.Host, _database)));

    // A new ledger finds the container there already and creates nothing.
    protected override Task<IReviewTokenLedger> ReopenLedgerAsync() => CreateLedgerAsync();

    protected override Task DisposeStorageAsync() => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);
}

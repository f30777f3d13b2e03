using DataEngine.Contracts;
using DataEngine.Core.Reviews;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Tests;

/// <summary>The review-link ledger contract against the embedded SQLite ledger: a new database file per test.</summary>
public sealed class SqliteReviewTokenLedgerContractTests : ReviewTokenLedgerContract
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-links-" + Guid.NewGuid().ToString("N"));

    string DatabasePath => Path.Combine(_folder, "records.db");

    protected override Task<IReviewTokenLedger> CreateLedgerAsync() =>
        Task.FromResult<IReviewTokenLedger>(new SqliteReviewTokenLedger(DatabasePath));

    protected override Task<IReviewTokenLedger> ReopenLedgerAsync()
    {
        SqliteConnection.ClearAllPools(); // as after a restart: no connection the first ledger opened is reused
        return Task.FromResult<IReviewTokenLedger>(new SqliteReviewTokenLedger(DatabasePath));
    }

    protected override Task DisposeStorageAsync()
    {
        SqliteConnection.ClearAllPools(); // pooled connections hold the file open
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

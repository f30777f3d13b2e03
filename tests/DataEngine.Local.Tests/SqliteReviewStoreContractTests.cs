using DataEngine.Contracts;
using DataEngine.Core.Ports;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Tests;

/// <summary>The review store contract against the embedded SQLite store: a new database file per test.</summary>
public sealed class SqliteReviewStoreContractTests : ReviewStoreContract
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-reviews-" + Guid.NewGuid().ToString("N"));

    protected override Task<IReviewStore> CreateStoreAsync() =>
        Task.FromResult<IReviewStore>(new SqliteReviewStore(Path.Combine(_folder, "records.db")));

    protected override Task DisposeStoreAsync(IReviewStore store)
    {
        SqliteConnection.ClearAllPools(); // pooled connections hold the file open
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

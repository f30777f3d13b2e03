using DataEngine.Contracts;
using DataEngine.Core.Ports;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Tests;

/// <summary>The record store contract against the embedded SQLite store: a new database file per test.</summary>
public sealed class SqliteRecordStoreContractTests : RecordStoreContract
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-records-" + Guid.NewGuid().ToString("N"));

    protected override Task<IRecordStore> CreateStoreAsync() =>
        Task.FromResult<IRecordStore>(new SqliteRecordStore(Path.Combine(_folder, "records.db")));

    protected override Task DisposeStoreAsync(IRecordStore store)
    {
        SqliteConnection.ClearAllPools(); // pooled connections hold the file open
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

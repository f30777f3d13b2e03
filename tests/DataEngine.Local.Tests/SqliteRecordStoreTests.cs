using DataEngine.Contracts;
using DataEngine.Core.Annotations;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Tests;

/// <summary>What the SQLite record store does beyond the contract: its schema version.</summary>
public sealed class SqliteRecordStoreTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-records-" + Guid.NewGuid().ToString("N"));

    string DatabasePath => Path.Combine(_folder, "records.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections hold the file open
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_state_file_from_an_older_schema_is_refused_with_what_to_do_and_left_as_it_was()
    {
        // A version 2 file: items but no annotations table.
        Directory.CreateDirectory(_folder);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items (run_id TEXT, item_id TEXT); PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteRecordStore(DatabasePath));

        Assert.Contains("schema version 2", refused.Message);
        Assert.Contains("Delete the state folder", refused.Message);
        using var check = new SqliteConnection($"Data Source={DatabasePath}");
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'annotations'";
        Assert.Equal(0L, tables.ExecuteScalar());

        // A new file gets the current schema, annotations included, and opens again.
        Dispose();
        using (var store = new SqliteRecordStore(DatabasePath))
        {
            await store.UpsertAnnotationsAsync([AnnotationSamples.Annotated("run-1", "ds", 0, AnnotatorKind.Human)]);
        }

        using var reopened = new SqliteRecordStore(DatabasePath);
        Assert.Single(await AnnotationSamples.ListAnnotationsAsync(reopened, "run-1"));
    }
}

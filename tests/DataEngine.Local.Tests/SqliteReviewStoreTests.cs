using DataEngine.Contracts;
using DataEngine.Core.Ports;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static DataEngine.Contracts.RecordSamples;
using static DataEngine.Contracts.ReviewSamples;

namespace DataEngine.Local.Tests;

/// <summary>What the SQLite review store does beyond the contract: it shares the record store's file and schema version.</summary>
public sealed class SqliteReviewStoreTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-reviews-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections hold the file open
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Local_storage_registers_a_review_store_in_the_record_stores_database()
    {
        await using var provider = new ServiceCollection().AddLocalStorage(_folder).BuildServiceProvider();
        var records = provider.GetRequiredService<IRecordStore>();
        var reviews = provider.GetRequiredService<IReviewStore>();
        var run = await records.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var task = ReviewOf(run.RunId, run.Dataset, 3);

        Assert.True(await reviews.CreateTaskAsync(task, [Assigned(task, "alice", Start)]));

        Assert.Equal(task, await new SqliteReviewStore(Path.Combine(_folder, "records.db")).GetTaskAsync(task.TaskId));
        Assert.Equal(run, await records.GetRunAsync(run.RunId));
    }

    [Fact]
    public async Task A_review_store_made_first_leaves_a_file_the_record_store_opens()
    {
        var path = Path.Combine(_folder, "records.db");
        var task = ReviewOf(Unique("run"), Unique("ds"), 1);
        await new SqliteReviewStore(path).CreateTaskAsync(task, []);

        using var records = new SqliteRecordStore(path);

        Assert.Null(await records.GetRunAsync(task.RunId));
        Assert.Equal(task, await new SqliteReviewStore(path).GetTaskAsync(task.TaskId));
    }

    [Fact]
    public void A_state_file_from_before_reviews_is_refused_with_what_to_do()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "records.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE runs (run_id TEXT); PRAGMA user_version = 3;";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteReviewStore(path));

        Assert.Contains("schema version 3", refused.Message);
        Assert.Contains("Delete the state folder", refused.Message);
    }
}

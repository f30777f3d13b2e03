using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Local.Tests;

/// <summary>What the SQLite ledger does beyond the contract: it shares the record store's file and version, and forgets old links.</summary>
public sealed class SqliteReviewTokenLedgerTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dataengine-links-" + Guid.NewGuid().ToString("N"));

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
    public async Task Local_storage_registers_a_ledger_in_the_record_stores_database()
    {
        var nonce = ReviewToken.NewNonce();
        await using (var provider = new ServiceCollection().AddLocalStorage(_folder).BuildServiceProvider())
        {
            _ = provider.GetRequiredService<IRecordStore>();
            Assert.True(await provider.GetRequiredService<IReviewTokenLedger>().TryConsumeAsync(nonce, DateTimeOffset.UtcNow.AddHours(1)));
        }

        Assert.False(await new SqliteReviewTokenLedger(DatabasePath).TryConsumeAsync(nonce, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public void A_state_file_from_before_the_ledger_is_refused_with_what_to_do()
    {
        // A version 4 file: review tasks without their text, and no review_links table.
        Directory.CreateDirectory(_folder);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE review_tasks (task_id TEXT PRIMARY KEY); PRAGMA user_version = 4;";
            command.ExecuteNonQuery();
        }

        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteReviewTokenLedger(DatabasePath));

        Assert.Contains("schema version 4", refused.Message);
        Assert.Contains("Delete the state folder", refused.Message);
        Assert.Throws<InvalidOperationException>(() => new SqliteReviewStore(DatabasePath));
    }

    [Fact]
    public async Task A_link_is_forgotten_only_once_it_is_long_expired()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var ledger = new SqliteReviewTokenLedger(DatabasePath, clock);
        var (soon, later) = (ReviewToken.NewNonce(), ReviewToken.NewNonce());
        Assert.True(await ledger.TryConsumeAsync(soon, clock.Now.AddMinutes(10)));
        Assert.True(await ledger.TryConsumeAsync(later, clock.Now.AddDays(1)));

        // Just inside the retention after expiry: still used, even though the purge has run since.
        clock.Now += TimeSpan.FromMinutes(10) + InMemoryReviewTokenLedger.RetentionAfterExpiry - TimeSpan.FromSeconds(1);
        Assert.True(await ledger.TryConsumeAsync(ReviewToken.NewNonce(), clock.Now.AddHours(1)));
        Assert.False(await ledger.TryConsumeAsync(soon, clock.Now.AddMinutes(-1)));
        Assert.Equal(3, CountLinks());

        // An hour on, the next consume purges the long-expired row and keeps the rest.
        clock.Now += TimeSpan.FromHours(1);
        Assert.True(await ledger.TryConsumeAsync(ReviewToken.NewNonce(), clock.Now.AddHours(1)));
        Assert.Equal(3, CountLinks());
        Assert.False(await ledger.TryConsumeAsync(later, clock.Now.AddDays(1)));
    }

    long CountLinks()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM review_links";
        return (long)command.ExecuteScalar()!;
    }

    sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

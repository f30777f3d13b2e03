using DataEngine.Core.Reviews;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// The review-link ledger in the record store's SQLite file (table <c>review_links</c>): a nonce is consumed by one
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, and SQLite runs writers one at a time, so of concurrent uses of one link
/// exactly one inserts the row, in this process or another on the same file. It survives a restart of the host.
/// </summary>
public sealed class SqliteReviewTokenLedger : IReviewTokenLedger
{
    static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    readonly SqliteFile _file;
    readonly TimeProvider _time;
    long _nextPurgeTicks;

    /// <param name="databasePath">The record store's database (e.g. <c>{state}/records.db</c>); created with every table when missing.</param>
    /// <param name="time">The clock that decides which rows are old enough to purge.</param>
    /// <exception cref="InvalidOperationException">The file holds another schema version.</exception>
    public SqliteReviewTokenLedger(string databasePath, TimeProvider? time = null)
    {
        _file = new SqliteFile(databasePath);
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();

        // One statement, no read first: the primary key decides, so two hosts on one file cannot both see the nonce unused.
        command.CommandText = "INSERT INTO review_links (nonce, expires_at) VALUES ($nonce, $expires) ON CONFLICT (nonce) DO NOTHING";
        command.Parameters.AddWithValue("$nonce", nonce);
        command.Parameters.AddWithValue("$expires", ReviewKeys.SortKey(expiresAt));
        var consumed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (consumed)
        {
            await PurgeIfDueAsync(connection, cancellationToken);
        }

        return consumed;
    }

    /// <summary>
    /// Deletes the rows of links long expired, at most once per interval per instance: without it the table grows by a row
    /// for every answer ever given, and a forgotten nonce is harmless once its link is refused as expired. Rows are kept
    /// <see cref="InMemoryReviewTokenLedger.RetentionAfterExpiry"/> past their expiry, so a verifier whose clock lags this
    /// one still finds the nonce used. Done after a successful insert, never instead of it, so it never decides an answer.
    /// </summary>
    async Task PurgeIfDueAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).UtcTicks, due) != due)
        {
            return;
        }

        await using var purge = connection.CreateCommand();
        purge.CommandText = "DELETE FROM review_links WHERE expires_at < $before";
        purge.Parameters.AddWithValue("$before", ReviewKeys.SortKey(now - InMemoryReviewTokenLedger.RetentionAfterExpiry));
        await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}

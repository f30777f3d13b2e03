using System.Globalization;
using System.Runtime.CompilerServices;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// Record store in one SQLite file (WAL mode, so readers never block the writer). Each call opens a pooled
/// connection; multi-row writes run in one transaction with one prepared command, which is what makes them fast. Point
/// reads run on connections that keep their statements prepared.
/// </summary>
public sealed partial class SqliteRecordStore : IRecordStore, IDisposable
{
    readonly SqliteFile _file;
    readonly PointReaders _pointReaders;

    /// <exception cref="InvalidOperationException">The file holds another schema version.</exception>
    public SqliteRecordStore(string databasePath)
    {
        _file = new SqliteFile(databasePath);
        _pointReaders = new PointReaders(Open);
    }

    public void Dispose() => _pointReaders.Dispose();

    const int SqliteConstraint = 19;

    public async Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        RecordSizeLimit.Check(run, nameof(run));
        var stored = run with { ETag = NewETag() };
        await using var connection = Open();
        await using var command = RunCommand(connection, """
            INSERT INTO runs (run_id, dataset, input, status, started_at, completed_at, report_blob, etag)
            VALUES ($run, $dataset, $input, $status, $started, $completed, $report, $etag)
            """, stored);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            throw new RecordConflictException($"run {run.RunId}", "a run with this id exists already", ex);
        }

        return stored;
    }

    public async Task<RunRecord> ReplaceRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        if (run.ETag is null)
        {
            throw new ArgumentException($"Run '{run.RunId}' has no ETag: read it first, then replace it.", nameof(run));
        }

        RecordSizeLimit.Check(run, nameof(run));

        var stored = run with { ETag = NewETag() };
        await using var connection = Open();
        await using var command = RunCommand(connection, """
            UPDATE runs SET dataset = $dataset, input = $input, status = $status, started_at = $started,
                completed_at = $completed, report_blob = $report, etag = $etag
            WHERE run_id = $run AND etag = $expected
            """, stored);
        command.Parameters.AddWithValue("$expected", run.ETag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new RecordConflictException($"run {run.RunId}", "it changed since it was read, or it does not exist");
        }

        return stored;
    }

    static SqliteCommand RunCommand(SqliteConnection connection, string sql, RunRecord run)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", run.RunId);
        command.Parameters.AddWithValue("$dataset", run.Dataset);
        command.Parameters.AddWithValue("$input", run.Input);
        command.Parameters.AddWithValue("$status", run.Status.ToString());
        command.Parameters.AddWithValue("$started", run.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$completed", (object?)run.CompletedAt?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$report", (object?)run.ReportBlob ?? DBNull.Value);
        command.Parameters.AddWithValue("$etag", run.ETag);
        return command;
    }

    static string NewETag() => $"\"{Guid.NewGuid():N}\"";

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var point = _pointReaders.Rent();
        try
        {
            point.Run.Parameters[0].Value = runId;
            using var reader = point.Run.ExecuteReader();
            return Task.FromResult(reader.Read() ? ReadRun(reader) : null);
        }
        finally
        {
            _pointReaders.Return(point);
        }
    }

    static RunRecord ReadRun(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        Enum.Parse<RunStatus>(reader.GetString(3)),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7));

    public async Task UpsertItemsAsync(IReadOnlyCollection<ItemRecord> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            RecordSizeLimit.Check(item, nameof(items)); // all before the transaction: an oversized record leaves nothing written
        }

        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var p = PreparedStatements.Prepare(
            command,
            """
                INSERT INTO items (run_id, item_id, dataset, source, position, ordinal, state, rule, rule_value, reason, dedup_key, duplicate_of, sample_key)
                VALUES ($run, $item, $dataset, $source, $position, $ordinal, $state, $rule, $value, $reason, $key, $dup, $sample)
                ON CONFLICT (run_id, item_id) DO UPDATE SET dataset = excluded.dataset, source = excluded.source,
                    position = excluded.position, ordinal = excluded.ordinal, state = excluded.state, rule = excluded.rule,
                    rule_value = excluded.rule_value, reason = excluded.reason, dedup_key = excluded.dedup_key,
                    duplicate_of = excluded.duplicate_of
                """,
            "$run", "$item", "$dataset", "$source", "$position", "$ordinal", "$state", "$rule", "$value", "$reason", "$key", "$dup", "$sample");
        foreach (var item in items)
        {
            p[0].Value = item.RunId;
            p[1].Value = item.ItemId;
            p[2].Value = item.Dataset;
            p[3].Value = item.Source;
            p[4].Value = item.Position;
            p[5].Value = item.Ordinal;
            p[6].Value = SqliteSchema.StateName(item.State);
            p[7].Value = (object?)item.Rule ?? DBNull.Value;
            p[8].Value = (object?)item.RuleValue ?? DBNull.Value;
            p[9].Value = (object?)item.Reason ?? DBNull.Value;
            p[10].Value = (object?)item.DedupKey ?? DBNull.Value;
            p[11].Value = (object?)item.DuplicateOf ?? DBNull.Value;
            p[12].Value = item.SampleKey;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ClaimDedupKeysAsync(string dataset, string runId, IReadOnlyCollection<DedupClaim> claims, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Another run's claim is never taken over; within this run, the lowest ordinal wins in any commit order.
        command.CommandText = """
            INSERT INTO dedup_claims (dataset, dedup_key, run_id, item_id, ordinal) VALUES ($dataset, $key, $run, $item, $ordinal)
            ON CONFLICT (dataset, dedup_key) DO UPDATE SET item_id = excluded.item_id, ordinal = excluded.ordinal
            WHERE dedup_claims.run_id = excluded.run_id AND excluded.ordinal < dedup_claims.ordinal
            """;
        var pDataset = command.Parameters.AddWithValue("$dataset", dataset);
        var pRun = command.Parameters.AddWithValue("$run", runId);
        var pKey = command.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
        var pItem = command.Parameters.Add(new SqliteParameter { ParameterName = "$item" });
        var pOrdinal = command.Parameters.Add(new SqliteParameter { ParameterName = "$ordinal" });
        command.Prepare();
        foreach (var claim in claims)
        {
            pKey.Value = claim.Key;
            pItem.Value = claim.ItemId;
            pOrdinal.Value = claim.Ordinal;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DedupOwner>> GetDedupOwnersAsync(string dataset, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var owners = new Dictionary<string, DedupOwner>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return owners;
        }

        // One prepared point read per key on one connection: microseconds each, and no limit on how many keys there are.
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, item_id, ordinal FROM dedup_claims WHERE dataset = $dataset AND dedup_key = $key";
        command.Parameters.AddWithValue("$dataset", dataset);
        var pKey = command.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
        command.Prepare();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            pKey.Value = key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                owners[key] = new DedupOwner(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            }
        }

        return owners;
    }

    public async Task<long> ResolveDuplicatesAsync(string dataset, string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE items SET state = 'duplicate',
                duplicate_of = c.run_id || '/' || c.item_id,
                reason = 'duplicate of ' || o.source || CASE WHEN o.position > 0 THEN ':' || o.position ELSE '' END
                    || CASE WHEN c.run_id <> items.run_id THEN ' (run ' || c.run_id || ')' ELSE '' END
            FROM dedup_claims AS c JOIN items AS o ON o.run_id = c.run_id AND o.item_id = c.item_id
            WHERE items.run_id = $run AND items.state = 'accepted' AND items.dedup_key IS NOT NULL
              AND c.dataset = $dataset AND c.dedup_key = items.dedup_key
              AND NOT (c.run_id = items.run_id AND c.item_id = items.item_id)
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$dataset", dataset);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkBatchCommittedAsync(BatchRecord batch, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO batches (run_id, batch_index, items, committed_at) VALUES ($run, $batch, $items, $at)
            ON CONFLICT (run_id, batch_index) DO UPDATE SET items = excluded.items, committed_at = excluded.committed_at
            """;
        command.Parameters.AddWithValue("$run", batch.RunId);
        command.Parameters.AddWithValue("$batch", batch.BatchIndex);
        command.Parameters.AddWithValue("$items", batch.Items);
        command.Parameters.AddWithValue("$at", batch.CommittedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<BatchRecord?> GetBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        // Synchronous inside: Microsoft.Data.Sqlite's async calls run synchronously anyway, and a point read is too short
        // to be worth an async state machine.
        cancellationToken.ThrowIfCancellationRequested();
        var point = _pointReaders.Rent();
        try
        {
            point.Batch.Parameters[0].Value = runId;
            point.Batch.Parameters[1].Value = batchIndex;
            using var reader = point.Batch.ExecuteReader();
            return Task.FromResult(reader.Read()
                ? new BatchRecord(runId, batchIndex, reader.GetInt32(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture))
                : null);
        }
        finally
        {
            _pointReaders.Return(point);
        }
    }

    public async Task<StateCounts> CountAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        var byState = new Dictionary<ItemState, long>();
        var byRule = new Dictionary<string, long>(StringComparer.Ordinal);
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT state, CASE state WHEN 'rejected' THEN rule WHEN 'quarantined' THEN reason END, COUNT(*)
            FROM items WHERE run_id = $run GROUP BY 1, 2
            """;
        command.Parameters.AddWithValue("$run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = SqliteSchema.ParseState(reader.GetString(0));
            var count = reader.GetInt64(2);
            byState[state] = byState.GetValueOrDefault(state) + count;
            if (!reader.IsDBNull(1))
            {
                var target = state == ItemState.Rejected ? byRule : byReason;
                target[reader.GetString(1)] = target.GetValueOrDefault(reader.GetString(1)) + count;
            }
        }

        return new StateCounts(byState, byRule, byReason);
    }

    public async IAsyncEnumerable<ItemRecord> ListItemsAsync(string runId, ItemState? state = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ItemColumns} FROM items WHERE run_id = $run AND ($state IS NULL OR state = $state) ORDER BY ordinal
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$state", state is { } s ? SqliteSchema.StateName(s) : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadItem(reader);
        }
    }

    public async Task<IReadOnlyList<ItemRecord>> SampleItemsAsync(string dataset, ItemState state, int count, double start, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = Open();
        var sample = new List<ItemRecord>(count);

        // The keys at or after the start, then (wrapping round) those before it: one index range scan each.
        foreach (var range in new[] { "sample_key >= $start", "sample_key < $start" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {ItemColumns} FROM items WHERE dataset = $dataset AND state = $state AND {range}
                ORDER BY sample_key LIMIT $limit
                """;
            command.Parameters.AddWithValue("$dataset", dataset);
            command.Parameters.AddWithValue("$state", SqliteSchema.StateName(state));
            command.Parameters.AddWithValue("$start", start);
            command.Parameters.AddWithValue("$limit", count - sample.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sample.Add(ReadItem(reader));
            }
        }

        return sample;
    }

    const string ItemColumns = "run_id, item_id, dataset, source, position, ordinal, state, rule, rule_value, reason, dedup_key, duplicate_of";

    static ItemRecord ReadItem(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        SqliteSchema.ParseState(reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetDouble(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11));

    SqliteConnection Open() => _file.Open();
}

using System.Globalization;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataEngine.Cli.Bench;

/// <summary>The SQLite baselines of `bench storage`: Microsoft.Data.Sqlite alone, the fastest plain way to do the adapter's work.</summary>
static class StorageBenchSqlite
{
    /// <summary>One prepared upsert, one transaction per call's rows.</summary>
    public static void Upsert(SqliteConnection connection, ItemRecord[][] calls)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO items (run_id, item_id, dataset, source, position, ordinal, state, rule, rule_value, reason, dedup_key, duplicate_of, sample_key)
            VALUES ($run, $item, $dataset, $source, $position, $ordinal, $state, $rule, $value, $reason, $key, $dup, $sample)
            ON CONFLICT (run_id, item_id) DO UPDATE SET dataset = excluded.dataset, source = excluded.source,
                position = excluded.position, ordinal = excluded.ordinal, state = excluded.state, rule = excluded.rule,
                rule_value = excluded.rule_value, reason = excluded.reason, dedup_key = excluded.dedup_key,
                duplicate_of = excluded.duplicate_of
            """;
        var p = new[] { "$run", "$item", "$dataset", "$source", "$position", "$ordinal", "$state", "$rule", "$value", "$reason", "$key", "$dup", "$sample" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        foreach (var call in calls)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            command.Prepare();
            foreach (var item in call)
            {
                p[0].Value = item.RunId;
                p[1].Value = item.ItemId;
                p[2].Value = item.Dataset;
                p[3].Value = item.Source;
                p[4].Value = item.Position;
                p[5].Value = item.Ordinal;
                p[6].Value = item.State.ToString().ToLowerInvariant();
                p[7].Value = (object?)item.Rule ?? DBNull.Value;
                p[8].Value = (object?)item.RuleValue ?? DBNull.Value;
                p[9].Value = (object?)item.Reason ?? DBNull.Value;
                p[10].Value = (object?)item.DedupKey ?? DBNull.Value;
                p[11].Value = (object?)item.DuplicateOf ?? DBNull.Value;
                p[12].Value = item.SampleKey;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>One prepared SELECT by primary key per marker, mapped to a <see cref="BatchRecord"/> as the adapter does.</summary>
    public static void ReadMarkers(SqliteConnection connection, string runId, int[] order)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT items, committed_at FROM batches WHERE run_id = $run AND batch_index = $batch";
        command.Parameters.AddWithValue("$run", runId);
        var batch = command.Parameters.Add(new SqliteParameter { ParameterName = "$batch" });
        command.Prepare();
        foreach (var i in order)
        {
            batch.Value = i;
            using var reader = command.ExecuteReader();
            _ = reader.Read()
                ? new BatchRecord(runId, i, reader.GetInt32(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture))
                : throw new InvalidOperationException($"Batch marker {i} is missing; the benchmark is void.");
        }
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// Annotation records. The table's key is the run listing's order (run, item, task, kind rank, annotator id), so a run's
/// annotations stream from the primary key with no sort. The annotator kind is stored twice: as its word, for people
/// (as item states are), and as its tier rank, which orders cheapest first where the words' alphabet would not. Cost
/// is decimal text: SQLite has no decimal type, and REAL would round it. Training labels read
/// <c>annotations_by_kind</c> (only the kinds asked for, then sorted: they are the minority of a task's annotations);
/// QA sampling range-scans <c>annotations_by_sample</c> from the start key.
/// </summary>
public sealed partial class SqliteRecordStore
{
    public async Task UpsertAnnotationsAsync(IReadOnlyCollection<AnnotationRecord> annotations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        foreach (var annotation in annotations)
        {
            RecordSizeLimit.Check(annotation, nameof(annotations)); // all before the transaction: an oversized record leaves nothing written
        }

        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var p = PreparedStatements.Prepare(
            command,
            """
                INSERT INTO annotations (run_id, item_id, task, kind_rank, annotator_id, dataset, kind, annotator_version, label, score,
                    confidence, cost, input_tokens, output_tokens, latency_ms, reason, low_trust, failed, route, final, created_at, sample_key)
                VALUES ($run, $item, $task, $rank, $annotator, $dataset, $kind, $version, $label, $score,
                    $confidence, $cost, $input, $output, $latency, $reason, $lowTrust, $failed, $route, $final, $created, $sample)
                ON CONFLICT (run_id, item_id, task, kind_rank, annotator_id) DO UPDATE SET dataset = excluded.dataset,
                    annotator_version = excluded.annotator_version, label = excluded.label, score = excluded.score,
                    confidence = excluded.confidence, cost = excluded.cost, input_tokens = excluded.input_tokens,
                    output_tokens = excluded.output_tokens, latency_ms = excluded.latency_ms, reason = excluded.reason,
                    low_trust = excluded.low_trust, failed = excluded.failed, route = excluded.route, final = excluded.final,
                    created_at = excluded.created_at
                """,
            "$run", "$item", "$task", "$rank", "$annotator", "$dataset", "$kind", "$version", "$label", "$score", "$confidence",
            "$cost", "$input", "$output", "$latency", "$reason", "$lowTrust", "$failed", "$route", "$final", "$created", "$sample");
        foreach (var record in annotations)
        {
            var (a, by) = (record.Annotation, record.Annotation.By);
            p[0].Value = record.RunId;
            p[1].Value = record.ItemId;
            p[2].Value = a.Task;
            p[3].Value = (int)by.Kind;
            p[4].Value = by.Id;
            p[5].Value = record.Dataset;
            p[6].Value = SqliteSchema.KindName(by.Kind);
            p[7].Value = (object?)by.Version ?? DBNull.Value;
            p[8].Value = (object?)a.Label ?? DBNull.Value;
            p[9].Value = (object?)a.Score ?? DBNull.Value;
            p[10].Value = a.Confidence;
            p[11].Value = a.Cost.ToString(CultureInfo.InvariantCulture);
            p[12].Value = a.InputTokens;
            p[13].Value = a.OutputTokens;
            p[14].Value = a.LatencyMs;
            p[15].Value = (object?)a.Reason ?? DBNull.Value;
            p[16].Value = a.LowTrust;
            p[17].Value = a.Failed;
            p[18].Value = SqliteSchema.RouteName(record.Route);
            p[19].Value = record.Final;
            p[20].Value = record.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
            p[21].Value = record.SampleKey;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AnnotationRecord> ListAnnotationsAsync(string runId, string? task = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AnnotationColumns} FROM annotations WHERE run_id = $run AND ($task IS NULL OR task = $task)
            ORDER BY item_id, task, kind_rank, annotator_id
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$task", (object?)task ?? DBNull.Value);
        await foreach (var annotation in ReadAnnotationsAsync(command, cancellationToken))
        {
            yield return annotation;
        }
    }

    public async IAsyncEnumerable<AnnotationRecord> ListLabelsAsync(
        string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            yield break;
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AnnotationColumns} FROM annotations
            WHERE dataset = $dataset AND task = $task AND kind_rank IN ({KindParameters(command, kinds)}) AND {Answered}
            ORDER BY run_id, item_id, kind_rank, annotator_id
            """;
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$task", task);
        await foreach (var annotation in ReadAnnotationsAsync(command, cancellationToken))
        {
            yield return annotation;
        }
    }

    public async Task<IReadOnlyList<AnnotationRecord>> SampleAnnotationsAsync(
        string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, int count, double start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sample = new List<AnnotationRecord>(count);
        if (kinds.Count == 0)
        {
            return sample;
        }

        await using var connection = Open();

        // The keys at or after the start, then (wrapping round) those before it: one index range scan each.
        foreach (var range in new[] { "sample_key >= $start", "sample_key < $start" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {AnnotationColumns} FROM annotations
                WHERE dataset = $dataset AND task = $task AND {range} AND kind_rank IN ({KindParameters(command, kinds)}) AND {Answered}
                ORDER BY sample_key LIMIT $limit
                """;
            command.Parameters.AddWithValue("$dataset", dataset);
            command.Parameters.AddWithValue("$task", task);
            command.Parameters.AddWithValue("$start", start);
            command.Parameters.AddWithValue("$limit", count - sample.Count);
            await foreach (var annotation in ReadAnnotationsAsync(command, cancellationToken))
            {
                sample.Add(annotation);
            }
        }

        return sample;
    }

    /// <summary>What the port calls a label: an answer (a label, or a score for score tasks) from an attempt that did not fail.</summary>
    const string Answered = "failed = 0 AND (label IS NOT NULL OR score IS NOT NULL)";

    /// <summary>Adds one parameter per kind (by tier rank) and returns their names for an IN list.</summary>
    static string KindParameters(SqliteCommand command, IReadOnlyCollection<AnnotatorKind> kinds) =>
        string.Join(", ", kinds.Distinct().Select((kind, i) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"$kind{i}");
            command.Parameters.AddWithValue(name, (int)kind);
            return name;
        }));

    const string AnnotationColumns =
        "run_id, item_id, dataset, task, label, score, confidence, kind, annotator_id, annotator_version, cost, input_tokens, " +
        "output_tokens, latency_ms, reason, low_trust, failed, route, final, created_at";

    static async IAsyncEnumerable<AnnotationRecord> ReadAnnotationsAsync(SqliteCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadAnnotation(reader);
        }
    }

    static AnnotationRecord ReadAnnotation(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        new Annotation(
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5),
            reader.GetDouble(6),
            new Annotator(SqliteSchema.ParseKind(reader.GetString(7)), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)),
            decimal.Parse(reader.GetString(10), NumberStyles.Number, CultureInfo.InvariantCulture),
            reader.GetInt32(11),
            reader.GetInt32(12),
            reader.GetDouble(13),
            reader.IsDBNull(14) ? null : reader.GetString(14),
            reader.GetBoolean(15),
            reader.GetBoolean(16)),
        SqliteSchema.ParseRoute(reader.GetString(17)),
        reader.GetBoolean(18),
        DateTimeOffset.Parse(reader.GetString(19), CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Text.Json;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using Microsoft.Data.Sqlite;

namespace DataEngine.Local.Records;

/// <summary>
/// Review tasks and assignments in the record store's SQLite file (its own tables, same schema version). An assignment
/// leaves the open state by one conditional UPDATE (<c>WHERE state = 'open'</c>); SQLite runs writers one at a time, so
/// of two concurrent answers exactly one changes the row and the other reads the answer that did.
/// </summary>
public sealed class SqliteReviewStore : IReviewStore
{
    const string AssignmentColumns =
        "assignment_id, task_id, dataset, run_id, reviewer, state, assigned_at, decision, label, seconds_spent, answered_at, etag";

    readonly SqliteFile _file;

    /// <param name="databasePath">The record store's database (e.g. <c>{state}/records.db</c>); created with every table when missing.</param>
    public SqliteReviewStore(string databasePath) => _file = new SqliteFile(databasePath);

    public async Task<bool> CreateTaskAsync(ReviewTask task, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        RequireTask(task.TaskId, assignments);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // DO NOTHING, never an upsert: a retried step must not reset a task whose answers are coming in.
        command.CommandText = """
            INSERT INTO review_tasks (task_id, dataset, run_id, item_id, task, proposals, created_at, deadline, overlap,
                text, labels, instructions, waiter)
            VALUES ($task, $dataset, $run, $item, $name, $proposals, $created, $deadline, $overlap, $text, $labels, $instructions, $waiter)
            ON CONFLICT (task_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$task", task.TaskId);
        command.Parameters.AddWithValue("$dataset", task.Dataset);
        command.Parameters.AddWithValue("$run", task.RunId);
        command.Parameters.AddWithValue("$item", task.ItemId);
        command.Parameters.AddWithValue("$name", task.Task);
        command.Parameters.AddWithValue("$proposals", ProposalJson.Serialize(task.Proposals));
        command.Parameters.AddWithValue("$created", Text(task.CreatedAt));
        command.Parameters.AddWithValue("$deadline", Text(task.Deadline));
        command.Parameters.AddWithValue("$overlap", task.Overlap);
        command.Parameters.AddWithValue("$text", task.Text);
        command.Parameters.AddWithValue("$labels", task.Labels is null ? DBNull.Value : JsonSerializer.Serialize(task.Labels));
        command.Parameters.AddWithValue("$instructions", task.Instructions);
        command.Parameters.AddWithValue("$waiter", (object?)task.Waiter ?? DBNull.Value);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await InsertAssignmentsAsync(connection, transaction, assignments, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task AddAssignmentsAsync(string taskId, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default)
    {
        RequireTask(taskId, assignments);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = connection.CreateCommand())
        {
            exists.Transaction = transaction;
            exists.CommandText = "SELECT 1 FROM review_tasks WHERE task_id = $task";
            exists.Parameters.AddWithValue("$task", taskId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidOperationException($"Review task '{taskId}' does not exist: create it before adding assignments.");
            }
        }

        await InsertAssignmentsAsync(connection, transaction, assignments, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ReviewTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT task_id, dataset, run_id, item_id, task, proposals, created_at, deadline, overlap, text, labels, instructions, waiter
            FROM review_tasks WHERE task_id = $task
            """;
        command.Parameters.AddWithValue("$task", taskId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ReviewTask(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            ProposalJson.Deserialize(reader.GetString(5)), Time(reader.GetString(6)), Time(reader.GetString(7)), reader.GetInt32(8),
            reader.GetString(9), reader.IsDBNull(10) ? null : Labels(reader.GetString(10)), reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetString(12));
    }

    public async Task<ReviewAssignment?> GetAssignmentAsync(string assignmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = _file.Open();
        return await ReadAssignmentAsync(connection, assignmentId, cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewAssignment>> ListAssignmentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AssignmentColumns} FROM review_assignments WHERE task_id = $task ORDER BY assigned_key, assignment_id";
        command.Parameters.AddWithValue("$task", taskId);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<ReviewAssignmentPage> ListOpenAssignmentsAsync(
        string reviewer, string? dataset = null, ReviewCursor? after = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();

        // A row-value comparison: the (reviewer, state, assigned_key, assignment_id) index serves the range and the order.
        command.CommandText = $"""
            SELECT {AssignmentColumns} FROM review_assignments
            WHERE reviewer = $reviewer AND state = 'open' AND ($dataset IS NULL OR dataset = $dataset)
              AND ($key IS NULL OR (assigned_key, assignment_id) > ($key, $id))
            ORDER BY assigned_key, assignment_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$reviewer", reviewer);
        command.Parameters.AddWithValue("$dataset", (object?)dataset ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", after is null ? DBNull.Value : ReviewKeys.SortKey(after.AssignedAt));
        command.Parameters.AddWithValue("$id", (object?)after?.AssignmentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", pageSize);
        var page = await ReadAllAsync(command, cancellationToken);
        var next = page.Count == pageSize ? new ReviewCursor(page[^1].AssignedAt, page[^1].AssignmentId) : null;
        return new ReviewAssignmentPage(page, next);
    }

    public async Task<AnswerResult> AnswerAsync(string assignmentId, ReviewAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var connection = _file.Open();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                UPDATE review_assignments SET state = 'answered', decision = $decision, label = $label, seconds_spent = $seconds,
                    answered_at = $answered, etag = $etag
                WHERE assignment_id = $id AND state = 'open'
                """;
            command.Parameters.AddWithValue("$id", assignmentId);
            command.Parameters.AddWithValue("$decision", ReviewWords.Action(answer.Decision));
            command.Parameters.AddWithValue("$label", (object?)answer.Label ?? DBNull.Value);
            command.Parameters.AddWithValue("$seconds", answer.SecondsSpent);
            command.Parameters.AddWithValue("$answered", Text(answer.AnsweredAt));
            command.Parameters.AddWithValue("$etag", NewETag());
            var recorded = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            var stored = await ReadAssignmentAsync(connection, assignmentId, cancellationToken);
            if (recorded)
            {
                return new AnswerResult(AnswerOutcome.Recorded, stored);
            }

            return new AnswerResult(ReviewWords.OutcomeOfRefused(stored), stored);
        }
    }

    public async Task<ReviewAssignment?> ExpireAsync(string assignmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE review_assignments SET state = 'expired', etag = $etag WHERE assignment_id = $id AND state = 'open'";
        command.Parameters.AddWithValue("$id", assignmentId);
        command.Parameters.AddWithValue("$etag", NewETag());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return await ReadAssignmentAsync(connection, assignmentId, cancellationToken);
    }

    static async Task InsertAssignmentsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // DO NOTHING: a stored assignment keeps its state and answer whatever a retried step sends again.
        var p = PreparedStatements.Prepare(
            command,
            """
                INSERT INTO review_assignments (assignment_id, task_id, dataset, run_id, reviewer, state, assigned_key, assigned_at,
                    decision, label, seconds_spent, answered_at, etag)
                VALUES ($id, $task, $dataset, $run, $reviewer, $state, $key, $at, $decision, $label, $seconds, $answered, $etag)
                ON CONFLICT (assignment_id) DO NOTHING
                """,
            "$id", "$task", "$dataset", "$run", "$reviewer", "$state", "$key", "$at", "$decision", "$label", "$seconds", "$answered", "$etag");
        foreach (var a in assignments)
        {
            p[0].Value = a.AssignmentId;
            p[1].Value = a.TaskId;
            p[2].Value = a.Dataset;
            p[3].Value = a.RunId;
            p[4].Value = a.Reviewer;
            p[5].Value = ReviewWords.State(a.State);
            p[6].Value = ReviewKeys.SortKey(a.AssignedAt);
            p[7].Value = Text(a.AssignedAt);
            p[8].Value = a.Answer is { } answer ? ReviewWords.Action(answer.Decision) : DBNull.Value;
            p[9].Value = (object?)a.Answer?.Label ?? DBNull.Value;
            p[10].Value = (object?)a.Answer?.SecondsSpent ?? DBNull.Value;
            p[11].Value = a.Answer is { } at ? Text(at.AnsweredAt) : DBNull.Value;
            p[12].Value = NewETag();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    static async Task<ReviewAssignment?> ReadAssignmentAsync(SqliteConnection connection, string assignmentId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AssignmentColumns} FROM review_assignments WHERE assignment_id = $id";
        command.Parameters.AddWithValue("$id", assignmentId);
        var rows = await ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    static async Task<List<ReviewAssignment>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReviewAssignment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var answer = reader.IsDBNull(7)
                ? null
                : new ReviewAnswer(
                    ReviewWords.ParseAction(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetDouble(9), Time(reader.GetString(10)));
            rows.Add(new ReviewAssignment(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                ReviewWords.ParseState(reader.GetString(5)), Time(reader.GetString(6)), answer, reader.GetString(11)));
        }

        return rows;
    }

    static void RequireTask(string taskId, IReadOnlyList<ReviewAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.FirstOrDefault(a => a.TaskId != taskId) is { } stray)
        {
            throw new ArgumentException($"Assignment '{stray.AssignmentId}' belongs to task '{stray.TaskId}', not '{taskId}'.", nameof(assignments));
        }
    }

    // A JSON array, not a joined string: a label may hold any character. NULL keeps "no labels given" apart from an empty list.
    static List<string> Labels(string json) =>
        JsonSerializer.Deserialize<List<string>>(json) ?? throw new InvalidDataException("A review task's labels are JSON null.");

    static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    static string NewETag() => $"\"{Guid.NewGuid():N}\"";
}

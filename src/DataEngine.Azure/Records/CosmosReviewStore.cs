using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// The review store on Azure Cosmos DB (NoSQL API): review tasks and assignments in two containers of the record
/// store's database, with the semantics of the embedded SQLite store.
/// </summary>
/// <remarks>
/// <para><b>Partition keys.</b> <c>reviewAssignments</c> is keyed <c>/reviewer</c> → <c>/id</c>: a reviewer's queue,
/// read at every page load, is one key prefix, so it goes to the physical partitions holding that reviewer only and
/// pages by the composite index (assignedKey, id); the last level keeps each logical partition one document, so no
/// reviewer's history meets the 20 GB limit. Answers, expiries and a task's assignment list arrive by assignment or
/// task id alone and so query across partitions: they come at the pace of people (a few a second), where the queue is
/// the hot path. <c>reviewTasks</c> is keyed <c>/id</c> (the task id): the port reads and writes a task by its id only,
/// each a 1 RU point operation; a key led by <c>/dataset</c> would have turned every task read into a query across
/// partitions.</para>
/// <para><b>Writes.</b> Ids are deterministic (<see cref="ReviewTask.IdOf"/>, <see cref="ReviewAssignment.IdOf"/>), and
/// tasks and assignments are created, never upserted: a 409 means the record is there already and is left as it is, so
/// a retried step never reopens an answered assignment. An answer or an expiry replaces the assignment only if its ETag
/// is unchanged since it was read as open (<c>IfMatchEtag</c>); a 412 means another writer got there first, so the store
/// reads again and reports what that writer left. Of concurrent answers exactly one is recorded.</para>
/// <para><b>Queries</b> keep to the emulator's subset: keyset pages <c>TOP n … ORDER BY c.assignedKey, c.id</c> with a
/// flat page condition (the emulator's parser is exponential in nested parentheses), partition key values in the WHERE
/// clause too.</para>
/// </remarks>
public sealed class CosmosReviewStore : IReviewStore
{
    const string AfterCursor = " AND (c.assignedKey > @lastKey OR c.assignedKey = @lastKey AND c.id > @lastId)";

    readonly RecordContainers _containers;
    readonly CosmosRecordsOptions _options;

    /// <param name="client">A client from <see cref="CosmosRecordsClient.Create"/> (it carries the System.Text.Json serializer queries rely on).</param>
    public CosmosReviewStore(CosmosClient client, CosmosRecordsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (client.ClientOptions.Serializer is not SystemTextJsonCosmosSerializer)
        {
            throw new ArgumentException($"The Cosmos client must use {nameof(SystemTextJsonCosmosSerializer)}: build it with {nameof(CosmosRecordsClient)}.{nameof(CosmosRecordsClient.Create)}.", nameof(client));
        }

        _options = options;
        _containers = new RecordContainers(client, options);
    }

    public async Task<bool> CreateTaskAsync(ReviewTask task, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var bodies = Serialize(task.TaskId, assignments);
        var body = RecordSize.Serialize(ReviewTaskDocument.From(task), $"review task {task.TaskId}", nameof(task));
        var containers = await _containers.GetAsync(cancellationToken);

        // The task before its assignments: a step that fails in between is retried and finds the task there.
        using var response = await containers.ReviewTasks.CreateItemStreamAsync(Body(body), new PartitionKey(task.TaskId), cancellationToken: cancellationToken);
        var created = response.StatusCode != HttpStatusCode.Conflict;
        if (created)
        {
            response.EnsureSuccessStatusCode();
        }

        await CreateAllAsync(containers.ReviewAssignments, bodies, cancellationToken);
        return created;
    }

    public async Task AddAssignmentsAsync(string taskId, IReadOnlyList<ReviewAssignment> assignments, CancellationToken cancellationToken = default)
    {
        var bodies = Serialize(taskId, assignments);
        if (await GetTaskAsync(taskId, cancellationToken) is null)
        {
            throw new InvalidOperationException($"Review task '{taskId}' does not exist: create it before adding assignments.");
        }

        var containers = await _containers.GetAsync(cancellationToken);
        await CreateAllAsync(containers.ReviewAssignments, bodies, cancellationToken);
    }

    public async Task<ReviewTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        using var response = await containers.ReviewTasks.ReadItemStreamAsync(taskId, new PartitionKey(taskId), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync<ReviewTaskDocument>(response.Content, RecordJson.Options, cancellationToken);
        return document?.ToRecord();
    }

    public async Task<ReviewAssignment?> GetAssignmentAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        (await FindAsync(assignmentId, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<ReviewAssignment>> ListAssignmentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.taskId = @task").WithParameter("@task", taskId);
        var rows = new List<ReviewAssignmentDocument>();
        await foreach (var row in QueryAsync<ReviewAssignmentDocument>(containers.ReviewAssignments, query, null, _options.QueryPageSize, cancellationToken))
        {
            rows.Add(row);
        }

        // A task has a handful of assignments (its overlap, plus reassignments): sorted here, not by a cross-partition ORDER BY.
        return [.. rows.OrderBy(d => d.AssignedKey, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.ToRecord())];
    }

    public async Task<ReviewAssignmentPage> ListOpenAssignmentsAsync(
        string reviewer, string? dataset = null, ReviewCursor? after = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var containers = await _containers.GetAsync(cancellationToken);
        var where = "c.reviewer = @reviewer AND c.state = @open" + (dataset is null ? "" : " AND c.dataset = @dataset") + (after is null ? "" : AfterCursor);
        var query = new QueryDefinition($"SELECT TOP {pageSize} * FROM c WHERE {where} ORDER BY c.assignedKey, c.id")
            .WithParameter("@reviewer", reviewer)
            .WithParameter("@open", Word(ReviewAssignmentState.Open));
        if (dataset is not null)
        {
            query = query.WithParameter("@dataset", dataset);
        }

        if (after is not null)
        {
            query = query.WithParameter("@lastKey", ReviewKeys.SortKey(after.AssignedAt)).WithParameter("@lastId", after.AssignmentId);
        }

        var page = new List<ReviewAssignment>(pageSize);
        var reviewerPrefix = new PartitionKeyBuilder().Add(reviewer).Build();
        await foreach (var row in QueryAsync<ReviewAssignmentDocument>(containers.ReviewAssignments, query, reviewerPrefix, pageSize, cancellationToken))
        {
            page.Add(row.ToRecord());
        }

        var next = page.Count == pageSize ? new ReviewCursor(page[^1].AssignedAt, page[^1].AssignmentId) : null;
        return new ReviewAssignmentPage(page, next);
    }

    public async Task<AnswerResult> AnswerAsync(string assignmentId, ReviewAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var (recorded, stored) = await CloseAsync(assignmentId, d => d with { State = ReviewAssignmentState.Answered, Answer = answer }, cancellationToken);
        var outcome = recorded ? AnswerOutcome.Recorded : stored?.State switch
        {
            null => AnswerOutcome.NotFound,
            ReviewAssignmentState.Answered => AnswerOutcome.AlreadyAnswered,
            _ => AnswerOutcome.NotOpen,
        };
        return new AnswerResult(outcome, stored);
    }

    public async Task<ReviewAssignment?> ExpireAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        (await CloseAsync(assignmentId, d => d with { State = ReviewAssignmentState.Expired }, cancellationToken)).Stored;

    /// <summary>
    /// Moves an open assignment to the state <paramref name="close"/> gives it, if no one else closes it first: replaces it
    /// only if its ETag is the one read, and on a 412 reads it again. Returns whether this call closed it, and the
    /// assignment as stored afterwards (null: there is none).
    /// </summary>
    async Task<(bool Closed, ReviewAssignment? Stored)> CloseAsync(
        string assignmentId, Func<ReviewAssignmentDocument, ReviewAssignmentDocument> close, CancellationToken cancellationToken)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var current = await FindAsync(assignmentId, cancellationToken);
        while (current is { State: ReviewAssignmentState.Open })
        {
            var closed = close(current) with { ETag = null };
            var body = RecordSize.Serialize(closed, $"review assignment {assignmentId}", nameof(assignmentId));
            using var response = await containers.ReviewAssignments.ReplaceItemStreamAsync(
                Body(body), assignmentId, current.Key(), new ItemRequestOptions { IfMatchEtag = current.ETag }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.PreconditionFailed)
            {
                response.EnsureSuccessStatusCode();
                return (true, closed.ToRecord(response.Headers.ETag));
            }

            current = await ReadAsync(containers.ReviewAssignments, current, cancellationToken);
        }

        return (false, current?.ToRecord());
    }

    /// <summary>An assignment by id alone, across reviewers' partitions (answers and expiries name only the assignment).</summary>
    async Task<ReviewAssignmentDocument?> FindAsync(string assignmentId, CancellationToken cancellationToken)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", assignmentId);
        await foreach (var row in QueryAsync<ReviewAssignmentDocument>(containers.ReviewAssignments, query, null, 1, cancellationToken))
        {
            return row;
        }

        return null;
    }

    /// <summary>A point read of a document found before, now that its partition key is known.</summary>
    static async Task<ReviewAssignmentDocument?> ReadAsync(Container container, ReviewAssignmentDocument found, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(found.Id, found.Key(), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync<ReviewAssignmentDocument>(response.Content, RecordJson.Options, cancellationToken);
        return document is null ? null : document with { ETag = response.Headers.ETag ?? document.ETag };
    }

    /// <summary>Every assignment serialised and checked before the first request, so a stray or oversized one leaves nothing written.</summary>
    static List<(PartitionKey Key, byte[] Body)> Serialize(string taskId, IReadOnlyList<ReviewAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var bodies = new List<(PartitionKey, byte[])>(assignments.Count);
        foreach (var assignment in assignments)
        {
            if (assignment.TaskId != taskId)
            {
                throw new ArgumentException($"Assignment '{assignment.AssignmentId}' belongs to task '{assignment.TaskId}', not '{taskId}'.", nameof(assignments));
            }

            var document = ReviewAssignmentDocument.From(assignment);
            bodies.Add((document.Key(), RecordSize.Serialize(document, $"review assignment {assignment.AssignmentId}", nameof(assignments))));
        }

        return bodies;
    }

    /// <summary>Creates the documents as concurrent point writes; one that exists already (409) is left as it is.</summary>
    Task CreateAllAsync(Container container, IEnumerable<(PartitionKey Key, byte[] Body)> writes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            writes,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelRequests, CancellationToken = cancellationToken },
            async (write, token) =>
            {
                using var response = await container.CreateItemStreamAsync(Body(write.Body), write.Key, cancellationToken: token);
                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    response.EnsureSuccessStatusCode();
                }
            });

    static async IAsyncEnumerable<T> QueryAsync<T>(
        Container container, QueryDefinition query, PartitionKey? partitionKey, int maxItemCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = partitionKey, MaxItemCount = maxItemCount });
        while (iterator.HasMoreResults)
        {
            foreach (var row in await iterator.ReadNextAsync(cancellationToken))
            {
                yield return row;
            }
        }
    }

    static string Word(ReviewAssignmentState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    static MemoryStream Body(byte[] json) => new(json, writable: false);
}

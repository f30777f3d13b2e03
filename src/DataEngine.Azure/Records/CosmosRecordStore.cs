using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// The record store on Azure Cosmos DB (NoSQL API): runs, batch markers, item records, dedup claims and annotation
/// records in four containers of one database, with the semantics of the embedded SQLite store.
/// </summary>
/// <remarks>
/// <para><b>Containers and partition keys</b>, chosen for the access patterns (a logical partition holds at most
/// 20 GB; hierarchical keys should end in a high-cardinality level):</para>
/// <list type="bullet">
/// <item><c>runs</c>, key <c>/runId</c> (single level): the run document (id <c>"run"</c>) and its batch markers (id
/// <c>"batch-N"</c>). Every access is a point read or write of one run's documents; a partition holds one run plus a
/// few thousand tiny markers, so it never nears 20 GB, and run ids are already high-cardinality: a hierarchical key
/// would add nothing.</item>
/// <item><c>items</c>, hierarchical key <c>/dataset</c> → <c>/runId</c> → <c>/id</c>: the two query scopes are its
/// prefixes. A run's items (commit, count, list in ordinal order, settle duplicates) are the prefix (dataset, runId);
/// QA sampling across a dataset's whole history by <c>sampleKey</c> is the prefix (dataset). Both queries go only
/// to the physical partitions holding that prefix, instead of to every partition. Ending in <c>/id</c> makes every
/// logical partition one document, so no run or dataset, however large, meets the 20 GB limit. The port's per-run
/// calls name only the run, so the store learns the dataset from the run document (one point read, then
/// remembered: a run never changes dataset); items of a run with no run document are still found, by a query
/// across partitions.</item>
/// <item><c>dedupClaims</c>, hierarchical key <c>/dataset</c> → <c>/id</c> (id = the dedup key): a claim is read and
/// written by point operations only, keyed the way the rule is scoped (one owner per key per dataset, across runs);
/// the dataset prefix keeps a dataset's claims together for maintenance queries, and the per-key last level keeps
/// each logical partition one document.</item>
/// <item><c>annotations</c>, hierarchical key <c>/dataset</c> → <c>/task</c> → <c>/id</c> (id = the record's whole key:
/// run, item, task, annotator kind and id): the queries that grow with a dataset's history, training labels for
/// distillation and QA samples, both read one task of one dataset across all its runs, which is the prefix
/// (dataset, task). Listing one run (at export, once per run) is the prefix (dataset), or (dataset, task) for one task,
/// filtered by run id. Ending in <c>/id</c> keeps every logical partition one document, so no task, however long it
/// is annotated, meets the 20 GB limit; a last level of <c>/runId</c> would have capped one run's annotations of a
/// task at 20 GB.</item>
/// </list>
/// <para><b>Writes.</b> Ids are deterministic (<see cref="CosmosIds"/>), so every write is an idempotent upsert and a
/// retried commit changes nothing. Where writers race, ETags decide: creating a run that exists is a 409, replacing a
/// run read before someone else replaced it is a 412, both a <see cref="RecordConflictException"/>. A dedup claim is
/// read, then created (409: someone else claimed first, read again) or replaced only if its ETag is unchanged (412:
/// read again), so the lowest ordinal of a run wins in any commit order and an earlier run's claim is never taken.
/// Writes of many records run as concurrent point operations bounded by
/// <see cref="CosmosRecordsOptions.MaxParallelRequests"/>; never TransactionalBatch (the atomicity is not needed:
/// each record is its own idempotent unit; and the emulator lacks it), nor the SDK's bulk mode (it sends batch
/// requests too). Every document is serialised once, checked against the 2 MB document limit before any request
/// (<see cref="RecordSize"/>), and sent as a stream; conflicts come back as status codes, not exceptions.</para>
/// <para><b>Queries</b> keep to the subset both Cosmos DB and the local emulator serve: no GROUP BY, DISTINCT,
/// OFFSET/LIMIT or change feed. Pages are keyset pages, <c>TOP n … ORDER BY c.ordinal, c.id</c> from the last key
/// seen, which also stay correct while the pages' own items change state; annotations page the same way by
/// (runId, itemId, task, kindRank, annotatorId), one composite index serving both the run listing and the labels.
/// Counting reads <c>COUNT</c> per state for accepted and duplicate items and tallies the rule or reason of rejected
/// and quarantined items from a projection (in place of GROUP BY). Per-batch tallies kept on the batch markers were
/// rejected: settling duplicates changes states after the batches commit, and a re-committed batch would count twice.
/// The partition key values are always in the WHERE clause as well as the request options, as the emulator ignores
/// the partition-key header.</para>
/// <para><b>Throttling and timeouts</b> are retried by the SDK (<see cref="CosmosRecordsClient"/>); what is left
/// surfaces as a <see cref="CosmosException"/> and fails the activity, whose durable retry re-runs it: safe, since
/// every write is idempotent.</para>
/// </remarks>
public sealed partial class CosmosRecordStore : IRecordStore
{
    readonly RecordContainers _containers;
    readonly CosmosRecordsOptions _options;

    /// <summary>Run id → dataset, learnt from run documents and items; a run's dataset never changes.</summary>
    readonly ConcurrentDictionary<string, string> _datasets = new(StringComparer.Ordinal);

    /// <param name="client">A client from <see cref="CosmosRecordsClient.Create"/> (it carries the System.Text.Json serializer queries rely on).</param>
    public CosmosRecordStore(CosmosClient client, CosmosRecordsOptions options)
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

    public async Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        var body = RecordSize.Serialize(RunDocument.From(run), $"run {run.RunId}", nameof(run));
        var containers = await _containers.GetAsync(cancellationToken);
        using var response = await containers.Runs.CreateItemStreamAsync(Body(body), new PartitionKey(run.RunId), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new RecordConflictException($"run {run.RunId}", "a run with this id exists already");
        }

        response.EnsureSuccessStatusCode();
        _datasets.TryAdd(run.RunId, run.Dataset);
        return run with { ETag = response.Headers.ETag };
    }

    public async Task<RunRecord> ReplaceRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        if (run.ETag is null)
        {
            throw new ArgumentException($"Run '{run.RunId}' has no ETag: read it first, then replace it.", nameof(run));
        }

        var body = RecordSize.Serialize(RunDocument.From(run), $"run {run.RunId}", nameof(run));
        var containers = await _containers.GetAsync(cancellationToken);
        using var response = await containers.Runs.ReplaceItemStreamAsync(
            Body(body), RunDocument.DocumentId, new PartitionKey(run.RunId), new ItemRequestOptions { IfMatchEtag = run.ETag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new RecordConflictException($"run {run.RunId}", "it changed since it was read, or it does not exist");
        }

        response.EnsureSuccessStatusCode();
        return run with { ETag = response.Headers.ETag };
    }

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var (document, etag) = await ReadAsync<RunDocument>(containers.Runs, RunDocument.DocumentId, new PartitionKey(runId), cancellationToken);
        if (document is null)
        {
            return null;
        }

        _datasets.TryAdd(runId, document.Dataset);
        return document.ToRecord(etag);
    }

    public async Task MarkBatchCommittedAsync(BatchRecord batch, CancellationToken cancellationToken = default)
    {
        var body = RecordSize.Serialize(BatchDocument.From(batch), $"batch {batch.RunId}/{batch.BatchIndex}", nameof(batch));
        var containers = await _containers.GetAsync(cancellationToken);
        using var response = await containers.Runs.UpsertItemStreamAsync(Body(body), new PartitionKey(batch.RunId), cancellationToken: cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<BatchRecord?> GetBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var (document, _) = await ReadAsync<BatchDocument>(containers.Runs, BatchDocument.IdOf(batchIndex), new PartitionKey(runId), cancellationToken);
        return document?.ToRecord();
    }

    /// <summary>A point read: the document and its ETag, or (null, null) when there is none.</summary>
    static async Task<(T? Document, string? ETag)> ReadAsync<T>(Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await container.ReadItemStreamAsync(id, partitionKey, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonSerializer.DeserializeAsync<T>(response.Content, RecordJson.Options, cancellationToken);
        return (document, response.Headers.ETag);
    }

    static MemoryStream Body(byte[] json) => new(json, writable: false);

    /// <summary>
    /// Upserts serialised documents as concurrent point writes, at most <see cref="CosmosRecordsOptions.MaxParallelRequests"/>
    /// in flight: the one write path of every multi-record upsert (items, annotations).
    /// </summary>
    Task UpsertAllAsync(Container container, IEnumerable<(PartitionKey Key, byte[] Body)> writes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(writes, Bounded(cancellationToken), async (write, token) =>
        {
            using var response = await container.UpsertItemStreamAsync(Body(write.Body), write.Key, cancellationToken: token);
            response.EnsureSuccessStatusCode();
        });

    ParallelOptions Bounded(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _options.MaxParallelRequests, CancellationToken = cancellationToken };
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>Item records: bounded-parallel upserts, keyset-paged listing, counting without GROUP BY, sampling by sample key.</summary>
public sealed partial class CosmosRecordStore
{
    public async Task UpsertItemsAsync(IReadOnlyCollection<ItemRecord> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);

        // Every record is serialised and checked before the first request, so an oversized one leaves nothing written;
        // a record given twice is written once, its last version winning, as in the SQLite store's one transaction.
        var writes = new Dictionary<string, (ItemDocument Document, byte[] Body)>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            var document = ItemDocument.From(item);
            writes[document.Id] = (document, RecordSize.Serialize(document, $"item {item.RunId}/{item.ItemId}", nameof(items)));
        }

        if (writes.Count == 0)
        {
            return;
        }

        var containers = await _containers.GetAsync(cancellationToken);
        await UpsertAllAsync(containers.Items, writes.Values.Select(w => (ItemKey(w.Document), w.Body)), cancellationToken);
        foreach (var (document, _) in writes.Values)
        {
            _datasets.TryAdd(document.RunId, document.Dataset);
        }
    }

    public async IAsyncEnumerable<ItemRecord> ListItemsAsync(string runId, ItemState? state = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = await DatasetOfAsync(runId, cancellationToken);
        await foreach (var document in PageAsync<ItemDocument>("*", dataset, runId, state, d => (d.Ordinal, d.Id), cancellationToken))
        {
            yield return document.ToRecord();
        }
    }

    public async Task<StateCounts> CountAsync(string runId, CancellationToken cancellationToken = default)
    {
        var dataset = await DatasetOfAsync(runId, cancellationToken);
        var accepted = CountStateAsync(dataset, runId, ItemState.Accepted, cancellationToken);
        var duplicates = CountStateAsync(dataset, runId, ItemState.Duplicate, cancellationToken);
        var rejected = TallyAsync(dataset, runId, ItemState.Rejected, "c.rule", r => r.Rule, cancellationToken);
        var quarantined = TallyAsync(dataset, runId, ItemState.Quarantined, "c.reason", r => r.Reason, cancellationToken);
        await Task.WhenAll(accepted, duplicates, rejected, quarantined);

        var byState = new Dictionary<ItemState, long>();
        foreach (var (state, count) in new[]
                 {
                     (ItemState.Accepted, accepted.Result), (ItemState.Rejected, rejected.Result.Count),
                     (ItemState.Duplicate, duplicates.Result), (ItemState.Quarantined, quarantined.Result.Count),
                 })
        {
            if (count > 0)
            {
                byState[state] = count;
            }
        }

        return new StateCounts(byState, rejected.Result.ByLabel, quarantined.Result.ByLabel);
    }

    public async Task<IReadOnlyList<ItemRecord>> SampleItemsAsync(string dataset, ItemState state, int count, double start, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sample = new List<ItemRecord>(count);
        var containers = await _containers.GetAsync(cancellationToken);

        // The keys at or after the start, then (wrapping round) those before it. The dataset prefix of the hierarchical
        // key sends each query only to the partitions holding the dataset; TOP with ORDER BY stops each early.
        foreach (var comparison in new[] { ">=", "<" })
        {
            var remaining = count - sample.Count;
            if (remaining == 0)
            {
                break;
            }

            var query = new QueryDefinition(
                    $"SELECT TOP {remaining} * FROM c WHERE c.dataset = @dataset AND c.state = @state AND c.sampleKey {comparison} @start ORDER BY c.sampleKey")
                .WithParameter("@dataset", dataset)
                .WithParameter("@state", StateName(state))
                .WithParameter("@start", start);
            await foreach (var document in QueryAsync<ItemDocument>(containers.Items, query, DatasetPrefix(dataset), remaining, cancellationToken))
            {
                sample.Add(document.ToRecord());
            }
        }

        return sample;
    }

    Task<long> CountStateAsync(string? dataset, string runId, ItemState state, CancellationToken cancellationToken) =>
        SumAsync(RunScoped("VALUE COUNT(1)", dataset, runId, state, keysetAfter: false), dataset, runId, cancellationToken);

    async Task<long> SumAsync(QueryDefinition query, string? dataset, string runId, CancellationToken cancellationToken)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var total = 0L;
        await foreach (var partial in QueryAsync<long>(containers.Items, query, RunPrefixOrNull(dataset, runId), _options.QueryPageSize, cancellationToken))
        {
            total += partial; // one value, or one per partition range where the gateway does not merge aggregates
        }

        return total;
    }

    /// <summary>Counts a state's items and tallies one of their fields, paging through a small projection (the stand-in for GROUP BY).</summary>
    async Task<(long Count, Dictionary<string, long> ByLabel)> TallyAsync(
        string? dataset, string runId, ItemState state, string field, Func<TallyRow, string?> labelOf, CancellationToken cancellationToken)
    {
        var count = 0L;
        var byLabel = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in PageAsync<TallyRow>($"c.id, c.ordinal, {field}", dataset, runId, state, r => (r.Ordinal, r.Id), cancellationToken))
        {
            count++;
            if (labelOf(row) is { } label)
            {
                byLabel[label] = byLabel.GetValueOrDefault(label) + 1;
            }
        }

        return (count, byLabel);
    }

    sealed record TallyRow(string Id, long Ordinal, string? Rule, string? Reason);

    /// <summary>
    /// A run's items (or a projection of them) in (ordinal, id) order, page by page from the last key seen: no
    /// OFFSET, no continuation token to lose, and items changed behind the cursor are not seen twice.
    /// </summary>
    async IAsyncEnumerable<T> PageAsync<T>(
        string projection, string? dataset, string runId, ItemState? state, Func<T, (long Ordinal, string Id)> keyOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var pageSize = _options.QueryPageSize;
        (long Ordinal, string Id)? after = null;
        while (true)
        {
            var query = RunScoped($"TOP {pageSize} {projection}", dataset, runId, state, keysetAfter: after is not null, orderBy: " ORDER BY c.ordinal, c.id");
            if (after is { } key)
            {
                query = query.WithParameter("@ordinal", key.Ordinal).WithParameter("@id", key.Id);
            }

            var rows = 0;
            await foreach (var row in QueryAsync<T>(containers.Items, query, RunPrefixOrNull(dataset, runId), pageSize, cancellationToken))
            {
                rows++;
                after = keyOf(row);
                yield return row;
            }

            if (rows < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>A query over one run's items; the partition key values are in the WHERE clause too (the emulator ignores the header).</summary>
    static QueryDefinition RunScoped(string select, string? dataset, string runId, ItemState? state, bool keysetAfter, string orderBy = "")
    {
        var where = dataset is null ? "c.runId = @run" : "c.dataset = @dataset AND c.runId = @run";
        if (state is not null)
        {
            where += " AND c.state = @state";
        }

        if (keysetAfter)
        {
            where += " AND (c.ordinal > @ordinal OR (c.ordinal = @ordinal AND c.id > @id))";
        }

        var query = new QueryDefinition($"SELECT {select} FROM c WHERE {where}{orderBy}").WithParameter("@run", runId);
        if (dataset is not null)
        {
            query = query.WithParameter("@dataset", dataset);
        }

        return state is { } s ? query.WithParameter("@state", StateName(s)) : query;
    }

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

    /// <summary>The run's dataset (the first two levels of its items' key), or null when no run document names it.</summary>
    async ValueTask<string?> DatasetOfAsync(string runId, CancellationToken cancellationToken) =>
        _datasets.TryGetValue(runId, out var dataset) ? dataset : (await GetRunAsync(runId, cancellationToken))?.Dataset;

    static string StateName(ItemState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    static PartitionKey ItemKey(ItemDocument document) => new PartitionKeyBuilder().Add(document.Dataset).Add(document.RunId).Add(document.Id).Build();

    static PartitionKey? RunPrefixOrNull(string? dataset, string runId) => dataset is null ? null : new PartitionKeyBuilder().Add(dataset).Add(runId).Build();

    static PartitionKey DatasetPrefix(string dataset) => new PartitionKeyBuilder().Add(dataset).Build();
}

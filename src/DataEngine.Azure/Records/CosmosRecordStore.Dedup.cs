using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>Dedup claims (lowest ordinal of the first run wins, settled by ETags) and turning the losers into duplicates.</summary>
public sealed partial class CosmosRecordStore
{
    /// <summary>Rounds of read-then-conditional-write before a claim gives up; each lost round means another writer progressed.</summary>
    const int MaxClaimRounds = 64;

    public async Task ClaimDedupKeysAsync(string dataset, string runId, IReadOnlyCollection<DedupClaim> claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);

        // Copies within the batch are settled here first: one write per key, not a race between them.
        var best = claims
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => g.MinBy(c => c.Ordinal))
            .Select(c => (Claim: c, Body: RecordSize.Serialize(new ClaimDocument(CosmosIds.Claim(c.Key), dataset, c.Key, runId, c.ItemId, c.Ordinal), $"dedup claim {dataset}/{c.Key}", nameof(claims))))
            .ToList();
        if (best.Count == 0)
        {
            return;
        }

        var containers = await _containers.GetAsync(cancellationToken);
        await Parallel.ForEachAsync(best, Bounded(cancellationToken), (write, token) => new ValueTask(ClaimAsync(containers.Claims, dataset, runId, write.Claim, write.Body, token)));
    }

    /// <summary>
    /// One claim: read the key's owner; none → create (409: another writer created it first, read again); owned by an
    /// earlier run → keep it; owned by this run with a higher ordinal → replace if unchanged since read (412: read again).
    /// </summary>
    static async Task ClaimAsync(Container claims, string dataset, string runId, DedupClaim claim, byte[] body, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Claim(claim.Key);
        var partitionKey = new PartitionKeyBuilder().Add(dataset).Add(id).Build();
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var (owner, etag) = await ReadAsync<ClaimDocument>(claims, id, partitionKey, cancellationToken);
            if (owner is not null && (owner.RunId != runId || owner.Ordinal <= claim.Ordinal))
            {
                return; // an earlier run keeps its copy; within this run a lower (or the same) ordinal holds already
            }

            using var response = owner is null
                ? await claims.CreateItemStreamAsync(Body(body), partitionKey, cancellationToken: cancellationToken)
                : await claims.ReplaceItemStreamAsync(Body(body), id, partitionKey, new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                continue; // another writer got there between our read and write: decide again on what it wrote
            }

            response.EnsureSuccessStatusCode();
            return;
        }

        throw new RecordConflictException($"dedup claim {dataset}/{claim.Key}", $"still contended after {MaxClaimRounds} rounds");
    }

    public async Task<IReadOnlyDictionary<string, DedupOwner>> GetDedupOwnersAsync(string dataset, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var owners = new ConcurrentDictionary<string, DedupOwner>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return owners;
        }

        // Point reads (1 RU each, one per key's own logical partition), a bounded number at a time.
        var containers = await _containers.GetAsync(cancellationToken);
        await Parallel.ForEachAsync(keys.Distinct(StringComparer.Ordinal), Bounded(cancellationToken), async (key, token) =>
        {
            var id = CosmosIds.Claim(key);
            if (await ReadDocumentAsync<ClaimDocument>(containers.Claims, id, new PartitionKeyBuilder().Add(dataset).Add(id).Build(), token) is { } owner)
            {
                owners[key] = new DedupOwner(owner.RunId, owner.ItemId, owner.Ordinal);
            }
        });
        return owners;
    }

    public async Task<long> ResolveDuplicatesAsync(string dataset, string runId, CancellationToken cancellationToken = default)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var owners = new ConcurrentDictionary<string, Task<ClaimDocument?>>(StringComparer.Ordinal);
        var ownerItems = new ConcurrentDictionary<string, Task<ItemDocument?>>(StringComparer.Ordinal);
        var marked = 0L;

        // Many copies share one owner: each claim and each owner item is read once per call.
        Task<ClaimDocument?> OwnerOf(string key) => owners.GetOrAdd(key, k => ReadDocumentAsync<ClaimDocument>(
            containers.Claims, CosmosIds.Claim(k), new PartitionKeyBuilder().Add(dataset).Add(CosmosIds.Claim(k)).Build(), cancellationToken));
        Task<ItemDocument?> ItemOf(string ownerRun, string ownerItem) => ownerItems.GetOrAdd(CosmosIds.Item(ownerRun, ownerItem), id => ReadDocumentAsync<ItemDocument>(
            containers.Items, id, new PartitionKeyBuilder().Add(dataset).Add(ownerRun).Add(id).Build(), cancellationToken));

        var accepted = PageAsync<ItemDocument>("*", dataset, runId, ItemState.Accepted, d => (d.Ordinal, d.Id), cancellationToken);
        await Parallel.ForEachAsync(accepted, Bounded(cancellationToken), async (item, token) =>
        {
            for (var round = 0; round < MaxClaimRounds; round++)
            {
                if (item.State != ItemState.Accepted || item.DedupKey is null
                    || await OwnerOf(item.DedupKey) is not { } claim || (claim.RunId == runId && claim.ItemId == item.ItemId)
                    || await ItemOf(claim.RunId, claim.ItemId) is not { } owner)
                {
                    return; // not a copy, or its owner's record is missing (as the SQLite store's join finds nothing)
                }

                var duplicate = item with
                {
                    State = ItemState.Duplicate,
                    DuplicateOf = $"{claim.RunId}/{claim.ItemId}",
                    Reason = DuplicateReason(owner, claim.RunId != runId),
                    ETag = null,
                };
                var body = RecordSize.Serialize(duplicate, $"item {runId}/{item.ItemId}", nameof(runId));
                using var response = await containers.Items.ReplaceItemStreamAsync(
                    Body(body), item.Id, ItemKey(item), new ItemRequestOptions { IfMatchEtag = item.ETag }, token);
                if (response.StatusCode is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound))
                {
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref marked);
                    return;
                }

                // The item was rewritten since the page was read (a re-committed batch): decide again on what is there now.
                var (current, etag) = await ReadAsync<ItemDocument>(containers.Items, item.Id, ItemKey(item), token);
                if (current is null)
                {
                    return;
                }

                item = current with { ETag = etag ?? current.ETag };
            }

            throw new RecordConflictException($"item {runId}/{item.ItemId}", $"still contended after {MaxClaimRounds} rounds");
        });

        return marked;
    }

    /// <summary>"duplicate of mail/a.eml", "duplicate of data.jsonl:12 (run r1)": where the kept copy is, as the SQLite store words it.</summary>
    static string DuplicateReason(ItemDocument owner, bool otherRun) =>
        "duplicate of " + owner.Source
        + (owner.Position > 0 ? ":" + owner.Position.ToString(CultureInfo.InvariantCulture) : "")
        + (otherRun ? $" (run {owner.RunId})" : "");

    static async Task<T?> ReadDocumentAsync<T>(Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken)
        where T : class => (await ReadAsync<T>(container, id, partitionKey, cancellationToken)).Document;
}

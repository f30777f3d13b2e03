using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Records a filtered batch: one item record per unit, dedup claims for the survivors, then the batch's completion
/// marker. Every write is an upsert keyed by deterministic ids, so a retried commit changes nothing.
/// </summary>
public sealed class BatchCommitter(IBlobStore blobs, IRecordStore records, TimeProvider clock)
{
    public async Task<int> CommitAsync(string runId, string dataset, int batchIndex, CancellationToken cancellationToken = default)
    {
        if (await records.GetBatchAsync(runId, batchIndex, cancellationToken) is { } done)
        {
            return done.Items;
        }

        var outcomes = await JsonLines.ReadAsync<UnitOutcome>(blobs, RunPaths.Outcomes(runId, batchIndex), cancellationToken).ToListAsync(cancellationToken);
        var items = outcomes.Select(o => new ItemRecord(runId, o.ItemId, dataset, o.Source, o.Position, o.Ordinal, o.State, o.Rule, o.RuleValue, o.Reason, o.DedupKey)).ToList();
        await records.UpsertItemsAsync(items, cancellationToken);

        var claims = outcomes
            .Where(o => o.State == ItemState.Accepted && o.DedupKey is not null)
            .Select(o => new DedupClaim(o.DedupKey!, o.ItemId, o.Ordinal))
            .ToList();
        if (claims.Count > 0)
        {
            await records.ClaimDedupKeysAsync(dataset, runId, claims, cancellationToken);
        }

        await records.MarkBatchCommittedAsync(new BatchRecord(runId, batchIndex, items.Count, clock.GetUtcNow()), cancellationToken);
        return items.Count;
    }

    /// <summary>
    /// A poison batch (its activities failed every attempt): every planned unit is recorded as quarantined with the
    /// error, so the run completes and its report still adds up.
    /// </summary>
    public async Task<int> QuarantineAsync(string runId, string dataset, int batchIndex, string error, CancellationToken cancellationToken = default)
    {
        var units = await JsonLines.ReadAsync<WorkUnit>(blobs, RunPaths.Plan(runId, batchIndex), cancellationToken).ToListAsync(cancellationToken);
        var reason = $"batch failed: batch {batchIndex} failed after all retries: {error}";
        var items = units
            .Select(u => UnitOutcome.Quarantined(u, reason))
            .Select(o => new ItemRecord(runId, o.ItemId, dataset, o.Source, o.Position, o.Ordinal, ItemState.Quarantined, Reason: o.Reason))
            .ToList();
        await records.UpsertItemsAsync(items, cancellationToken);
        await records.MarkBatchCommittedAsync(new BatchRecord(runId, batchIndex, items.Count, clock.GetUtcNow()), cancellationToken);
        return items.Count;
    }
}

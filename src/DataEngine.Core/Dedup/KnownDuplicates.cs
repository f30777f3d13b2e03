using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Dedup;

/// <summary>
/// The accepted items of a batch already certain to end as exact duplicates, before the batch commits its own claims:
/// a copy of a text an earlier item of the same batch has, or whose key is held by another run or by a lower ordinal of
/// this run (claims only move to lower ordinals, and never from one run to another). The annotation step leaves them
/// out, so no model call, embedding or reviewer's time is spent on an item the run will drop. Copies whose keeper commits
/// later in this run are not known yet: they are annotated and dropped at the end, as before.
/// </summary>
public static class KnownDuplicates
{
    public static async Task<HashSet<string>> FindAsync(
        IBlobStore blobs, IRecordStore records, string runId, string dataset, int batchIndex, CancellationToken cancellationToken = default)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var keepers = new Dictionary<string, UnitOutcome>(StringComparer.Ordinal);
        await foreach (var outcome in JsonLines.ReadAsync<UnitOutcome>(blobs, RunPaths.Outcomes(runId, batchIndex), cancellationToken))
        {
            if (outcome is not { State: ItemState.Accepted, DedupKey: { } key })
            {
                continue;
            }

            if (!keepers.TryGetValue(key, out var keeper))
            {
                keepers[key] = outcome;
            }
            else if (outcome.Ordinal < keeper.Ordinal)
            {
                known.Add(keeper.ItemId);
                keepers[key] = outcome;
            }
            else
            {
                known.Add(outcome.ItemId);
            }
        }

        var owners = await records.GetDedupOwnersAsync(dataset, keepers.Keys, cancellationToken);
        foreach (var (key, keeper) in keepers)
        {
            // Not by item id alone: a file uploaded again gives its lines the same ids in the next run.
            if (owners.TryGetValue(key, out var owner) && owner.Outranks(runId, keeper.Ordinal))
            {
                known.Add(keeper.ItemId);
            }
        }

        return known;
    }
}

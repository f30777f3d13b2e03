using System.Buffers;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Runs the first pass over one planned batch: reads each unit's bytes from its raw blob (or its decompressed copy), decodes, filters, keys,
/// and writes the batch's outcomes and survivors as blobs for the commit step. Re-running a batch rewrites the same blobs.
/// </summary>
public sealed class BatchFilterer(IBlobStore blobs, IRecordStore records, PipelineCache pipelines)
{
    public async Task<BatchCounts> FilterAsync(string runId, int batchIndex, CancellationToken cancellationToken = default)
    {
        if (await records.GetBatchAsync(runId, batchIndex, cancellationToken) is { } done)
        {
            return new BatchCounts(batchIndex, done.Items, 0, 0, 0, Skipped: true);
        }

        var pipeline = await pipelines.GetAsync(runId, cancellationToken);
        var firstPass = new FirstPass(pipeline);
        var units = await JsonLines.ReadAsync<WorkUnit>(blobs, RunPaths.Plan(runId, batchIndex), cancellationToken).ToListAsync(cancellationToken);

        // Survivors stream into their blob as they come, so a batch never holds all its texts in memory at once.
        var outcomes = new List<UnitOutcome>(units.Count);
        var survivorCount = 0;
        await blobs.WriteAsync(RunPaths.Survivors(runId, batchIndex), async (stream, ct) =>
        {
            outcomes.Clear();
            await using var survivors = new JsonLines.Writer(stream);
            foreach (var group in ContiguousRuns(units))
            {
                await ProcessSourceAsync(group, pipeline.Config.Reader.MaxItemBytes, firstPass, outcomes, survivors, ct);
            }

            survivorCount = survivors.Count;
        }, cancellationToken);

        await JsonLines.WriteAsync(blobs, RunPaths.Outcomes(runId, batchIndex), outcomes, cancellationToken);
        return new BatchCounts(
            batchIndex,
            outcomes.Count,
            survivorCount,
            outcomes.Count(o => o.State == Items.ItemState.Rejected),
            outcomes.Count(o => o.State == Items.ItemState.Quarantined));
    }

    async Task ProcessSourceAsync(List<WorkUnit> units, long maxItemBytes, FirstPass firstPass, List<UnitOutcome> outcomes, JsonLines.Writer survivors, CancellationToken cancellationToken)
    {
        var first = units[0];
        var last = units[^1];
        if (first.Problem is not null)
        {
            // The planner could not cut this source into items (a corrupt .gz): nothing to read, the reason is known.
            outcomes.AddRange(units.Select(u => UnitOutcome.Quarantined(u, u.Problem ?? "unreadable")));
            return;
        }

        var source = first.Blob;
        Stream stream;
        try
        {
            stream = await blobs.OpenReadAsync(source, first.Offset, last.Offset + last.Length - first.Offset, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            outcomes.AddRange(units.Select(u => UnitOutcome.Quarantined(u, $"source vanished: '{u.Source}' vanished during the run (it was listed when the run was planned)")));
            return;
        }

        await using var _ = stream;
        long at = first.Offset;
        var index = 0;
        try
        {
            for (; index < units.Count; index++)
            {
                var unit = units[index];
                await SkipAsync(stream, unit.Offset - at, cancellationToken);
                at = unit.Offset;
                if (unit.Length > maxItemBytes)
                {
                    await SkipAsync(stream, unit.Length, cancellationToken);
                    at += unit.Length;
                    outcomes.Add(UnitOutcome.Quarantined(unit, $"item too large: {unit.Length:N0} bytes, over reader.max_item_bytes ({maxItemBytes:N0}); not read"));
                    continue;
                }

                var length = (int)unit.Length;
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                try
                {
                    await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
                    at += length;
                    var (outcome, survivor) = firstPass.Process(buffer.AsMemory(0, length), unit);
                    outcomes.Add(outcome);
                    if (survivor is not null)
                    {
                        await survivors.WriteAsync(new CuratedRecord(survivor.Id, unit.Source, unit.Position, survivor.Text, survivor.Metadata), cancellationToken);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            // The source shrank or disappeared while being read: the units not yet read cannot be trusted.
            outcomes.AddRange(units.Skip(index).Select(u => UnitOutcome.Quarantined(u, $"source changed while read: '{u.Source}' changed or vanished while it was read: {ex.Message}")));
        }
    }

    static async Task SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (count > 0)
            {
                var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException("the source ended before the planned item");
                }

                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Groups consecutive units of the same source, so each source range is opened once per batch.</summary>
    static IEnumerable<List<WorkUnit>> ContiguousRuns(List<WorkUnit> units)
    {
        var group = new List<WorkUnit>();
        foreach (var unit in units)
        {
            if (group.Count > 0 && group[^1].Source != unit.Source)
            {
                yield return group;
                group = [];
            }

            group.Add(unit);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }
}

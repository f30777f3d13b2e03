using System.Buffers;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Cuts a run's raw input into batches of work units and writes one plan blob per batch.
/// Line-delimited sources are scanned for line breaks only (no decoding), so planning runs at disk speed.
/// </summary>
public sealed class RunPlanner(IBlobStore blobs)
{
    const int ScanBufferBytes = 1 << 20;

    /// <summary>Plans the run: its raw blobs (<see cref="RunSources"/>) in name order.</summary>
    public async Task<RunPlan> PlanAsync(string runId, string sourcePrefix, CompiledPipeline pipeline, CancellationToken cancellationToken = default)
    {
        var batchSize = pipeline.Config.Batching.BatchSize;
        var batch = new List<WorkUnit>(batchSize);
        var batchIndex = 0;
        long ordinal = 0, bytes = 0;
        var sources = 0;

        async Task Flush()
        {
            await JsonLines.WriteAsync(blobs, RunPaths.Plan(runId, batchIndex), batch, cancellationToken);
            batchIndex++;
            batch.Clear();
        }

        await foreach (var blob in RunSources.ListAsync(blobs, sourcePrefix, cancellationToken))
        {
            sources++;
            await foreach (var (offset, length, position) in UnitsOf(blob, pipeline, cancellationToken))
            {
                batch.Add(new WorkUnit(blob.Ref.Name, offset, length, position, ordinal++));
                bytes += length;
                if (batch.Count == batchSize)
                {
                    await Flush();
                }
            }
        }

        if (batch.Count > 0)
        {
            await Flush();
        }

        return new RunPlan(batchIndex, ordinal, bytes, sources);
    }

    async IAsyncEnumerable<(long Offset, long Length, long Position)> UnitsOf(BlobInfo blob, CompiledPipeline pipeline, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = pipeline.DecoderFor(blob.Ref.Name);
        if (decoder is null || !decoder.LineDelimited || blob.Length == 0)
        {
            // A whole file is one item; an empty or unreadable one still is, so it ends in a recorded state.
            yield return (0, blob.Length, 0);
            yield break;
        }

        Stream stream;
        try
        {
            stream = await blobs.OpenReadAsync(blob.Ref, cancellationToken: cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            // Vanished between listing and planning: plan it whole; the filter step records it as quarantined.
            stream = Stream.Null;
        }

        await using var _ = stream;
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBufferBytes);
        try
        {
            long lineStart = 0, consumed = 0, line = 1;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ScanBufferBytes), cancellationToken)) > 0)
            {
                var span = 0;
                while (span < read)
                {
                    var found = buffer.AsSpan(span, read - span).IndexOf((byte)'\n');
                    if (found < 0)
                    {
                        break;
                    }

                    var nl = span + found;
                    var end = consumed + nl;
                    if (end > lineStart)
                    {
                        // Blank lines separate nothing and hold no item: they are skipped, but still counted as lines.
                        yield return (lineStart, end - lineStart, line);
                    }

                    line++;
                    lineStart = end + 1;
                    span = nl + 1;
                }

                consumed += read;
            }

            if (consumed > lineStart)
            {
                yield return (lineStart, consumed - lineStart, line);
            }
            else if (consumed == 0)
            {
                yield return (0, 0, 0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Readers;

namespace DataEngine.Core.Runs;

/// <summary>
/// Cuts a run's raw input into batches of work units and writes one plan blob per batch.
/// Line-delimited sources are scanned for line breaks only (no decoding), so planning runs at disk speed.
/// A gzip-compressed source (<c>.gz</c>) is decompressed once, into the run's work folder, and its units point there:
/// batches then read byte ranges of it as of any other source, and its items keep the compressed source's name.
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
            // A .gz no reader can read inside is not decompressed: the filter step quarantines it, unread, by its name.
            var decoder = pipeline.DecoderFor(blob.Ref.Name);
            var (staged, problem) = decoder is not null && Compression.IsGzip(blob.Ref.Name) ? await StageAsync(runId, blob, cancellationToken) : (null, null);
            var units = problem is not null ? OneUnit(blob.Length) : UnitsOf(staged ?? blob, decoder, cancellationToken);
            await foreach (var (offset, length, position) in units)
            {
                batch.Add(new WorkUnit(blob.Ref.Name, offset, length, position, ordinal++, staged?.Ref.Name, problem));
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

    /// <summary>
    /// Decompresses a .gz source into the run's work folder. Returns the decompressed blob, or null and the reason when
    /// the source is not gzip or vanished: it is then planned as one unit that the filter step quarantines with that reason.
    /// </summary>
    async Task<(BlobInfo? Staged, string? Problem)> StageAsync(string runId, BlobInfo source, CancellationToken cancellationToken)
    {
        try
        {
            var staged = await blobs.WriteAsync(RunPaths.Staged(runId, source.Ref.Name), async (target, ct) =>
            {
                await using var raw = await blobs.OpenReadAsync(source.Ref, cancellationToken: ct);
                // SharpZipLib rather than GZipStream: GZipStream reads a truncated file short without a word, which would
                // lose the items after the cut unrecorded; this one checks every member's CRC-32 and length and throws.
                await using var gzip = new GZipInputStream(raw);
                await gzip.CopyToAsync(target, ct);
            }, cancellationToken);
            return (staged, null);
        }
        catch (Exception ex) when (ex is SharpZipBaseException or EndOfStreamException or InvalidDataException)
        {
            return (null, $"not a readable gzip file: '{source.Ref.Name}' ends in .gz but does not decompress: truncated or corrupt ({ex.Message})");
        }
        catch (BlobNotFoundException)
        {
            return (null, $"source vanished: '{source.Ref.Name}' vanished during the run (it was listed when the run was planned)");
        }
    }

    static async IAsyncEnumerable<(long Offset, long Length, long Position)> OneUnit(long length)
    {
        await Task.CompletedTask;
        yield return (0, length, 0);
    }

    async IAsyncEnumerable<(long Offset, long Length, long Position)> UnitsOf(BlobInfo blob, IItemDecoder? decoder, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
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

using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The bytes and records every implementation and baseline of `bench storage` writes and reads: the same content,
/// with fresh names and run ids per repetition so no write is a no-op.
/// </summary>
sealed class StorageBenchWorkload
{
    /// <summary>Writes and reads go in pieces of this size: the blob streams through, as the engine's writers do.</summary>
    const int ChunkBytes = 1 << 20;

    public StorageBenchWorkload(int blobs, int blobMegabytes, int items, int itemsPerCall, int pointReads)
    {
        Blobs = blobs;
        Items = items;
        ItemsPerCall = itemsPerCall;
        PointReads = pointReads;
        Content = new byte[blobMegabytes << 20];
        new Random(42).NextBytes(Content); // incompressible, like the raw copies and outcomes the engine writes
    }

    public int Blobs { get; }
    public int Items { get; }
    public int ItemsPerCall { get; }
    public int PointReads { get; }

    /// <summary>The content of every blob.</summary>
    public byte[] Content { get; }

    public double BlobMegabytesPerRun => (double)Blobs * Content.Length / 1e6;

    public async Task WriteContentAsync(Stream stream, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < Content.Length; offset += ChunkBytes)
        {
            await stream.WriteAsync(Content.AsMemory(offset, Math.Min(ChunkBytes, Content.Length - offset)), cancellationToken);
        }
    }

    /// <summary>Reads a blob to its end and checks its length, so a short read voids the measurement.</summary>
    public async Task DrainAsync(Stream stream, byte[] buffer, string name, CancellationToken cancellationToken)
    {
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        if (total != Content.Length)
        {
            throw new InvalidOperationException($"Read {total} of {Content.Length} bytes of {name}; the benchmark is void.");
        }
    }

    /// <summary>The run's item records in calls of <see cref="ItemsPerCall"/>, like a batch commit: mostly accepted, some rejected and duplicates.</summary>
    public ItemRecord[][] ItemCalls(string runId) => Enumerable.Range(0, Items)
        .Select(i => (i % 10) switch
        {
            0 => Item(runId, i, ItemState.Rejected) with
            {
                Rule = "gopher_quality.min_doc_words", RuleValue = 12, Reason = "gopher_quality.min_doc_words: 12 < 50",
            },
            1 => Item(runId, i, ItemState.Duplicate) with { DuplicateOf = $"{runId}/corpus.jsonl:{i}" },
            _ => Item(runId, i, ItemState.Accepted),
        })
        .Chunk(ItemsPerCall)
        .ToArray();

    static ItemRecord Item(string runId, int i, ItemState state) =>
        new(runId, $"corpus.jsonl:{i + 1}", "bench", "corpus.jsonl", i * 2048L, i, state, DedupKey: $"{(ulong)i * 0x9E3779B97F4A7C15UL:x16}{i:x16}");

    /// <summary>The batch markers the point reads read, in an order of their own per repetition.</summary>
    public int[] ReadOrder(int repetition)
    {
        var order = Enumerable.Range(0, PointReads).ToArray();
        new Random(repetition).Shuffle(order);
        return order;
    }

    public BatchRecord Marker(string runId, int batchIndex) =>
        new(runId, batchIndex, ItemsPerCall, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(batchIndex));
}

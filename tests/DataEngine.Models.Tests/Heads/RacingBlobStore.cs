using System.Text.Json;
using DataEngine.Core.Ports;
using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

/// <summary>
/// Holds the first <c>racers</c> writes of a current.json until all of them have arrived, so racing promoters really
/// write at the same moment; counts the writes that lost and remembers which version won.
/// </summary>
sealed class RacingBlobStore(IBlobStore inner, int racers) : IBlobStore
{
    readonly Barrier _barrier = new(racers);
    int _arrivals;
    int _conflicts;

    public int Conflicts => _conflicts;

    /// <summary>The version of the first current.json written.</summary>
    public string? Winner { get; private set; }

    public async Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, BlobCondition? condition, CancellationToken cancellationToken = default)
    {
        if (!blob.Name.EndsWith("/current.json", StringComparison.Ordinal))
        {
            return await inner.WriteAsync(blob, write, condition, cancellationToken);
        }

        if (Interlocked.Increment(ref _arrivals) <= racers)
        {
            await Task.Run(() => Assert.True(_barrier.SignalAndWait(TimeSpan.FromSeconds(60)), "the other racer never came"), cancellationToken);
        }

        using var content = new MemoryStream();
        await write(content, cancellationToken);
        try
        {
            var written = await inner.WriteAsync(blob, content.ToArray(), condition, cancellationToken);
            lock (_barrier)
            {
                Winner ??= JsonSerializer.Deserialize<HeadPointer>(content.ToArray(), HeadStore.Json)!.Version;
            }

            return written;
        }
        catch (BlobConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(container, prefix, cancellationToken);

    public Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default) => inner.GetInfoAsync(blob, cancellationToken);

    public Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default) =>
        inner.OpenReadAsync(blob, offset, length, cancellationToken);

    public Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default) => inner.DeleteAsync(blob, cancellationToken);
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DataEngine.Core.Ports;

namespace DataEngine.Workflows.Tests;

/// <summary>
/// Wraps the real blob store and injects faults into reads of chosen blobs, the way a flaky network, a crashing
/// decoder or a concurrent delete would show up to the activities.
/// </summary>
sealed class FaultyBlobStore(IBlobStore inner) : IBlobStore
{
    readonly ConcurrentDictionary<string, int> _reads = new();

    /// <summary>Decides, per read of a blob (by name and 1-based attempt number), whether to fail it. Null: no fault.</summary>
    public Func<BlobRef, int, Exception?> Fault { get; set; } = (_, _) => null;

    /// <summary>Called before a read; tests use it to delete a blob "during the run".</summary>
    public Func<BlobRef, Task> BeforeRead { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called before a write; tests use it to hold one writer while another goes ahead.</summary>
    public Func<BlobRef, Task> BeforeWrite { get; set; } = _ => Task.CompletedTask;

    public int ReadsOf(Func<string, bool> name) => _reads.Where(kv => name(kv.Key)).Sum(kv => kv.Value);

    public IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(container, prefix, cancellationToken);

    public Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        inner.GetInfoAsync(blob, cancellationToken);

    public async Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        var attempt = _reads.AddOrUpdate(blob.ToString(), 1, (_, n) => n + 1);
        await BeforeRead(blob);
        if (Fault(blob, attempt) is { } fault)
        {
            throw fault;
        }

        return await inner.OpenReadAsync(blob, offset, length, cancellationToken);
    }

    public async Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, BlobCondition? condition, CancellationToken cancellationToken = default)
    {
        await BeforeWrite(blob);
        return await inner.WriteAsync(blob, write, condition, cancellationToken);
    }

    public Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(blob, cancellationToken);
}

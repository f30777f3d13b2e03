namespace DataEngine.Core.Ports;

/// <summary>Conveniences over <see cref="IBlobStore"/> that every implementation gets for free.</summary>
public static class BlobStoreExtensions
{
    /// <summary>Writes (replaces) a blob unconditionally through <paramref name="write"/>.</summary>
    public static Task<BlobInfo> WriteAsync(this IBlobStore store, BlobRef blob, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default) =>
        store.WriteAsync(blob, write, condition: null, cancellationToken);

    /// <summary>Writes (replaces) a blob with the rest of <paramref name="content"/>.</summary>
    public static Task<BlobInfo> WriteAsync(this IBlobStore store, BlobRef blob, Stream content, CancellationToken cancellationToken = default) =>
        store.WriteAsync(blob, (target, ct) => content.CopyToAsync(target, ct), condition: null, cancellationToken);

    /// <summary>Writes a blob with <paramref name="content"/>, if <paramref name="condition"/> (when given) holds.</summary>
    public static Task<BlobInfo> WriteAsync(this IBlobStore store, BlobRef blob, ReadOnlyMemory<byte> content, BlobCondition? condition = null, CancellationToken cancellationToken = default) =>
        store.WriteAsync(blob, (target, ct) => target.WriteAsync(content, ct).AsTask(), condition, cancellationToken);

    /// <summary>Reads a whole (small) blob into memory, e.g. a report or a pipeline file.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IBlobStore store, BlobRef blob, CancellationToken cancellationToken = default)
    {
        await using var stream = await store.OpenReadAsync(blob, cancellationToken: cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

namespace DataEngine.Core.Ports;

/// <summary>Conveniences over <see cref="IBlobStore"/> that every implementation gets for free.</summary>
public static class BlobStoreExtensions
{
    /// <summary>Writes (replaces) a blob with the rest of <paramref name="content"/>.</summary>
    public static Task<BlobInfo> WriteAsync(this IBlobStore store, BlobRef blob, Stream content, CancellationToken cancellationToken = default) =>
        store.WriteAsync(blob, (target, ct) => content.CopyToAsync(target, ct), cancellationToken);

    /// <summary>Writes (replaces) a blob with <paramref name="content"/>.</summary>
    public static Task<BlobInfo> WriteAsync(this IBlobStore store, BlobRef blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        store.WriteAsync(blob, (target, ct) => target.WriteAsync(content, ct).AsTask(), cancellationToken);
}

namespace DataEngine.Core.Ports;

/// <summary>Port for blob storage: a folder locally, Azure Blob Storage in the cloud. Streams in and out; never buffers whole blobs.</summary>
public interface IBlobStore
{
    /// <summary>Lists blobs whose names start with <paramref name="prefix"/>, in ordinal name order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, CancellationToken cancellationToken = default);

    /// <summary>Properties of one blob, or null when it does not exist.</summary>
    Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for sequential reading, from <paramref name="offset"/> for <paramref name="length"/> bytes (null: to the end).</summary>
    /// <exception cref="BlobNotFoundException">The blob does not exist.</exception>
    Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes (replaces) a blob: <paramref name="write"/> is handed the blob's stream and writes the content into it,
    /// so large content streams through without being buffered. Returns the blob's new properties. The blob appears
    /// whole or not at all: if <paramref name="write"/> throws, the previous content (or absence) stays.
    /// </summary>
    /// <param name="condition">Null to write unconditionally; else the write happens only if the condition holds.</param>
    /// <exception cref="BlobConflictException">The condition did not hold; nothing was written.</exception>
    Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, BlobCondition? condition, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; true when it existed.</summary>
    Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default);
}

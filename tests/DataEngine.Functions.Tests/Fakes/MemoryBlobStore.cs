using System.Runtime.CompilerServices;
using DataEngine.Core.Ports;

namespace DataEngine.Functions.Tests.Fakes;

/// <summary>A blob store in a dictionary: enough for the upload path, which stores pipelines and reads pipeline files.</summary>
sealed class MemoryBlobStore : IBlobStore
{
    readonly Dictionary<BlobRef, (byte[] Content, string ETag)> _blobs = [];
    int _version;

    public void Put(string container, string name, string text) =>
        _blobs[new BlobRef(container, name)] = (System.Text.Encoding.UTF8.GetBytes(text), $"\"0x{++_version}\"");

    public string? Text(string container, string name) =>
        _blobs.TryGetValue(new BlobRef(container, name), out var blob) ? System.Text.Encoding.UTF8.GetString(blob.Content) : null;

    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var (key, _) in _blobs.Where(b => b.Key.Container == container && b.Key.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(b => b.Key.Name, StringComparer.Ordinal))
        {
            yield return Info(key);
        }
    }

    public Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        Task.FromResult(_blobs.ContainsKey(blob) ? Info(blob) : null);

    public Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default) =>
        _blobs.TryGetValue(blob, out var b)
            ? Task.FromResult<Stream>(new MemoryStream(b.Content, (int)offset, (int)(length ?? b.Content.Length - offset), writable: false))
            : throw new BlobNotFoundException(blob);

    public async Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken);
        _blobs[blob] = (buffer.ToArray(), $"\"0x{++_version}\"");
        return Info(blob);
    }

    public Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default) => Task.FromResult(_blobs.Remove(blob));

    BlobInfo Info(BlobRef blob) => new(blob, _blobs[blob].Content.Length, _blobs[blob].ETag, DateTimeOffset.UnixEpoch);
}

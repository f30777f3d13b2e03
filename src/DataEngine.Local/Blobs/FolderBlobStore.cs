using System.Runtime.CompilerServices;
using DataEngine.Core.Ports;

namespace DataEngine.Local.Blobs;

/// <summary>
/// Blob store on a local folder: one sub-folder per container, blob names as relative paths. Writes go to a
/// temporary file that is renamed into place, so a blob appears whole or not at all.
/// </summary>
public sealed class FolderBlobStore : IBlobStore
{
    const string TempPrefix = ".tmp-";
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    readonly string _root;
    readonly Dictionary<string, string> _containerFolders;

    /// <param name="root">Folder that holds one sub-folder per container.</param>
    /// <param name="containerFolders">Containers kept elsewhere, e.g. "curated" in the user's output folder.</param>
    public FolderBlobStore(string root, IReadOnlyDictionary<string, string>? containerFolders = null)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        _containerFolders = (containerFolders ?? new Dictionary<string, string>())
            .ToDictionary(kv => kv.Key, kv => Path.GetFullPath(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>The folder that holds the containers.</summary>
    public string Root => _root;

    /// <summary>The file that holds a blob (it may not exist).</summary>
    public string PathOf(BlobRef blob)
    {
        BlobNames.Validate(blob);
        return Path.Combine(ContainerFolder(blob.Container), blob.Name.Replace('/', Path.DirectorySeparatorChar));
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        ArgumentNullException.ThrowIfNull(prefix);
        var folder = ContainerFolder(container);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && !Path.GetFileName(name).StartsWith(TempPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Built from the file, not through GetInfoAsync: a file put in the folder by hand under a name the
            // validator refuses is listed as it is, and refused only when it is opened.
            var file = new FileInfo(Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar)));
            if (file.Exists)
            {
                yield return ToInfo(new BlobRef(container, name), file);
            }
        }
    }

    public Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(blob));
        return Task.FromResult(file.Exists ? ToInfo(blob, file) : null);
    }

    public Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(requested, nameof(length));
        }

        FileStream file;
        try
        {
            file = new FileStream(PathOf(blob), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 64 * 1024,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(blob, ex);
        }

        var end = length is { } l ? Math.Min(offset + l, file.Length) : file.Length;
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(new RangeStream(file, offset, Math.Max(0, end - offset)));
    }

    public async Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, BlobCondition? condition, CancellationToken cancellationToken = default)
    {
        var path = PathOf(blob);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(file, cancellationToken);
            }

            if (condition is null)
            {
                File.Move(temp, path, overwrite: true);
            }
            else
            {
                // Check and rename under one lock per blob, so of two conditional writers exactly one wins.
                var gate = _gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var current = new FileInfo(path);
                    if (condition.CreateOnly && current.Exists)
                    {
                        throw new BlobConflictException(blob, "it exists already");
                    }

                    if (condition.IfMatch is { } etag && (!current.Exists || ToInfo(blob, current).ETag != etag))
                    {
                        throw new BlobConflictException(blob, current.Exists ? "it changed since it was read" : "it does not exist");
                    }

                    File.Move(temp, path, overwrite: !condition.CreateOnly);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        finally
        {
            File.Delete(temp);
        }

        return ToInfo(blob, new FileInfo(path));
    }

    public Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(blob));
        if (!file.Exists)
        {
            return Task.FromResult(false);
        }

        try
        {
            file.Delete();
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false); // deleted with its folder meanwhile
        }

        return Task.FromResult(true);
    }

    string ContainerFolder(string container) =>
        _containerFolders.TryGetValue(container, out var folder) ? folder : Path.Combine(_root, container);

    static BlobInfo ToInfo(BlobRef blob, FileInfo file) =>
        new(blob, file.Length, $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"", file.LastWriteTimeUtc);
}

using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Options;
using BlobInfo = DataEngine.Core.Ports.BlobInfo;

namespace DataEngine.Azure.Blobs;

/// <summary>
/// <see cref="IBlobStore"/> on Azure Blob Storage (or Azurite). Reads stream one ranged download; writes stage blocks and
/// commit them at the end, so content of any size streams through two block buffers and a blob appears whole or not at all.
/// Blobs in work/ and curated/ carry their run id (the name's first segment) as "runId" metadata.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    /// <summary>The metadata key that holds the run id of a blob in work/ or curated/.</summary>
    public const string RunIdMetadata = "runId";

    readonly BlobServiceClient _service;
    readonly AzureBlobStorageOptions _options;
    readonly ConcurrentDictionary<string, Task> _containers = new(StringComparer.Ordinal);

    public AzureBlobStore(BlobServiceClient service, IOptions<AzureBlobStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _options = options.Value;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        ArgumentNullException.ThrowIfNull(prefix);
        var pages = _service.GetBlobContainerClient(container)
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
            .AsPages(pageSizeHint: _options.ListPageSize)
            .GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                Page<BlobItem>? page;
                try
                {
                    page = await pages.MoveNextAsync() ? pages.Current : null;
                }
                catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
                {
                    page = null; // nothing was ever written there
                }
                catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
                {
                    throw BlobFailures.Unavailable(ex, $"list container '{container}' under prefix '{prefix}'", null, _options);
                }

                if (page is null)
                {
                    yield break;
                }

                foreach (var item in page.Values)
                {
                    yield return new BlobInfo(new BlobRef(container, item.Name), item.Properties.ContentLength ?? 0,
                        item.Properties.ETag?.ToString("H") ?? "", item.Properties.LastModified ?? default);
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        var client = Client(blob);
        try
        {
            BlobProperties properties = await client.GetPropertiesAsync(cancellationToken: cancellationToken);
            return new BlobInfo(blob, properties.ContentLength, properties.ETag.ToString("H"), properties.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
        {
            throw BlobFailures.Unavailable(ex, "read the properties of", blob, _options);
        }
    }

    public async Task<Stream> OpenReadAsync(BlobRef blob, long offset = 0, long? length = null, CancellationToken cancellationToken = default)
    {
        var client = Client(blob);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(requested, nameof(length));
            if (requested == 0)
            {
                return await GetInfoAsync(blob, cancellationToken) is null ? throw new BlobNotFoundException(blob) : Stream.Null;
            }
        }

        try
        {
            // One streamed GET of exactly the range; the SDK resumes it from where it broke if the connection drops.
            var range = offset == 0 && length is null ? default : new HttpRange(offset, length);
            BlobDownloadStreamingResult download = await client.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancellationToken);
            return new BlobReadStream(download.Content, download.Details.ContentLength, blob, _options);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(blob, ex);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The range starts at or after the end (or the blob is empty): like a file, that reads as nothing.
            return await GetInfoAsync(blob, cancellationToken) is null ? throw new BlobNotFoundException(blob, ex) : Stream.Null;
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
        {
            throw BlobFailures.Unavailable(ex, "read", blob, _options);
        }
    }

    public async Task<BlobInfo> WriteAsync(BlobRef blob, Func<Stream, CancellationToken, Task> write, BlobCondition? condition, CancellationToken cancellationToken = default)
    {
        var client = Client(blob);
        ArgumentNullException.ThrowIfNull(write);
        await EnsureContainerAsync(blob.Container, cancellationToken);

        await using var upload = new BlockUploadStream(client, blob, _options, cancellationToken);
        await write(upload, cancellationToken);
        try
        {
            var committed = await upload.CommitAsync(Metadata(blob), Conditions(condition));
            return new BlobInfo(blob, upload.Length, committed.ETag.ToString("H"), committed.LastModified);
        }
        catch (RequestFailedException ex) when (condition is not null && ConflictReason(ex, condition) is { } reason)
        {
            throw new BlobConflictException(blob, reason, ex);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.InvalidBlockList)
        {
            // Another writer committed this blob while ours staged blocks, which discards ours: theirs is the version now.
            throw new BlobConflictException(blob, "another writer replaced it while this one was writing", ex);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            _containers.TryRemove(blob.Container, out _);
            throw new InvalidOperationException($"Container '{blob.Container}' was deleted while in use; the next write creates it again.", ex);
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
        {
            throw BlobFailures.Unavailable(ex, "write", blob, _options);
        }
    }

    public async Task<bool> DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        var client = Client(blob);
        try
        {
            return await client.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
        {
            throw BlobFailures.Unavailable(ex, "delete", blob, _options);
        }
    }

    BlockBlobClient Client(BlobRef blob)
    {
        BlobNames.Validate(blob);
        return _service.GetBlobContainerClient(blob.Container).GetBlockBlobClient(blob.Name);
    }

    /// <summary>Creates the container on its first write in this process; a failed attempt is tried again by the next write.</summary>
    async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        var creation = _containers.GetOrAdd(container, CreateContainerAsync);
        try
        {
            await creation.WaitAsync(cancellationToken);
        }
        catch when (creation.IsFaulted || creation.IsCanceled)
        {
            _containers.TryRemove(KeyValuePair.Create(container, creation));
            throw;
        }
    }

    async Task CreateContainerAsync(string container)
    {
        var client = _service.GetBlobContainerClient(container);
        try
        {
            // Shared by every writer waiting on it, so no one writer's cancellation may cancel it.
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            // An identity allowed to write blobs but not to create containers: fine if the container was provisioned.
            if (!await client.ExistsAsync())
            {
                throw new InvalidOperationException(
                    $"Container '{container}' does not exist and this identity may not create it ({ex.ErrorCode}): create it with the infrastructure, " +
                    "or grant the identity 'Storage Blob Data Contributor' on the account.", ex);
            }
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, CancellationToken.None))
        {
            throw BlobFailures.Unavailable(ex, $"create container '{container}'", null, _options);
        }
    }

    /// <summary>The run a work or curated blob belongs to, as metadata, so a run's blobs can be told apart outside the engine too.</summary>
    static Dictionary<string, string>? Metadata(BlobRef blob)
    {
        if (blob.Container is not (Containers.Work or Containers.Curated) || blob.Name.IndexOf('/') is not (> 0 and var end))
        {
            return null;
        }

        // Metadata travels as an HTTP header, which must be ASCII: escape anything else (run ids are plain ASCII).
        return new Dictionary<string, string>(StringComparer.Ordinal) { [RunIdMetadata] = Uri.EscapeDataString(blob.Name[..end]) };
    }

    static BlobRequestConditions? Conditions(BlobCondition? condition) => condition switch
    {
        null => null,
        _ => new BlobRequestConditions
        {
            IfNoneMatch = condition.CreateOnly ? ETag.All : null,
            IfMatch = condition.IfMatch is { } etag ? new ETag(etag) : null,
        },
    };

    static string? ConflictReason(RequestFailedException failed, BlobCondition condition)
    {
        if (failed.ErrorCode == BlobErrorCode.BlobAlreadyExists || (condition.CreateOnly && failed.Status == (int)HttpStatusCode.Conflict))
        {
            return "it exists already";
        }

        if (failed.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return condition.CreateOnly ? "it exists already" : "it changed since it was read";
        }

        return condition.IfMatch is not null && failed.ErrorCode == BlobErrorCode.BlobNotFound ? "it does not exist" : null;
    }
}

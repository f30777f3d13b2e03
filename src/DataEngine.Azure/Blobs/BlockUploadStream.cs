using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Blobs;

/// <summary>
/// The write-only stream a blob writer is handed. Content fills a block buffer; each full block is staged (uploaded but
/// not yet part of the blob) while the next ones fill, at most <see cref="AzureBlobStorageOptions.BlockUploadsInFlight"/> at a
/// time, so memory stays at a few blocks whatever the blob's size. Only
/// <see cref="CommitAsync"/> makes the blob visible, all at once: a writer that fails first leaves nothing but uncommitted
/// blocks, which the service discards. Content that fits one block is uploaded in a single request instead.
/// </summary>
sealed class BlockUploadStream(BlockBlobClient client, BlobRef blob, AzureBlobStorageOptions options, CancellationToken cancellationToken)
    : Stream
{
    readonly byte[] _writeId = RandomNumberGenerator.GetBytes(16);
    readonly List<string> _blockIds = [];
    readonly Queue<Task> _inFlight = new();
    readonly ConcurrentStack<byte[]> _free = new();
    byte[] _buffer = ArrayPool<byte>.Shared.Rent(options.BlockSizeBytes);
    int _filled;
    long _length;
    bool _committed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_committed;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Append(buffer);
            buffer = buffer[take..];
            if (_filled == options.BlockSizeBytes)
            {
                // A synchronous writer blocks for an upload slot; uploads run on the thread pool, so this cannot deadlock.
                while (_inFlight.Count >= options.BlockUploadsInFlight)
                {
                    _inFlight.Peek().GetAwaiter().GetResult();
                    _ = _inFlight.Dequeue();
                }

                StageFullBuffer();
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var take = Append(buffer.Span);
            buffer = buffer[take..];
            if (_filled == options.BlockSizeBytes)
            {
                while (_inFlight.Count >= options.BlockUploadsInFlight)
                {
                    // Peek, then dequeue: a block given up on by a cancelled wait stays tracked until it ends.
                    await _inFlight.Peek().WaitAsync(cancellationToken);
                    _ = _inFlight.Dequeue();
                }

                StageFullBuffer();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Blocks are uploaded as they fill; nothing is visible before the commit, so there is nothing to flush.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Uploads what is left and commits the blob, under <paramref name="conditions"/>. Returns its new ETag and time.</summary>
    public async Task<BlobContentInfo> CommitAsync(IDictionary<string, string>? metadata, BlobRequestConditions? conditions)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        _committed = true;
        if (_blockIds.Count == 0)
        {
            // Small content: one Put Blob, with the conditions and metadata.
            using var content = new MemoryStream(_buffer, 0, _filled, writable: false);
            return await client.UploadAsync(content, new BlobUploadOptions { Metadata = metadata, Conditions = conditions }, cancellationToken);
        }

        if (_filled > 0)
        {
            StageFullBuffer();
        }

        await Task.WhenAll(_inFlight);

        return await client.CommitBlockListAsync(_blockIds, new CommitBlockListOptions { Metadata = metadata, Conditions = conditions }, cancellationToken);
    }

    int Append(ReadOnlySpan<byte> source)
    {
        if (_committed)
        {
            throw new InvalidOperationException($"Blob '{blob}' was already committed; write its content before WriteAsync returns.");
        }

        var take = Math.Min(source.Length, options.BlockSizeBytes - _filled);
        source[..take].CopyTo(_buffer.AsSpan(_filled));
        _filled += take;
        _length += take;
        return take;
    }

    void StageFullBuffer()
    {
        var block = _buffer;
        var length = _filled;
        _buffer = _free.TryPop(out var free) ? free : ArrayPool<byte>.Shared.Rent(options.BlockSizeBytes);
        _filled = 0;
        var id = BlockId(_blockIds.Count);
        _blockIds.Add(id);
        // On the thread pool: a synchronous writer may block on this task from a thread whose context it would need.
        _inFlight.Enqueue(Task.Run(() => StageAsync(id, block, length), CancellationToken.None));
    }

    async Task StageAsync(string id, byte[] block, int length)
    {
        try
        {
            using var content = new MemoryStream(block, 0, length, writable: false);
            await client.StageBlockAsync(id, content, options: null, cancellationToken);
        }
        catch (Exception ex) when (BlobFailures.IsTransient(ex, cancellationToken))
        {
            throw BlobFailures.Unavailable(ex, "upload a block of", blob, options);
        }
        finally
        {
            _free.Push(block);
        }
    }

    /// <summary>
    /// Block ids are unique to this write (so a concurrent writer of the same blob never commits ours) and all the same
    /// length, as the service requires of the blocks of one blob.
    /// </summary>
    string BlockId(int index)
    {
        Span<byte> id = stackalloc byte[20];
        _writeId.CopyTo(id);
        BinaryPrimitives.WriteInt32BigEndian(id[16..], index);
        return Convert.ToBase64String(id);
    }

    public override async ValueTask DisposeAsync()
    {
        // A block still uploading owns its buffer: wait before returning it to the pool. A failure there was reported
        // through the write or the commit, or no longer matters because the write already failed.
        await Task.WhenAll(_inFlight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ReturnBuffers();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Task.WhenAll(_inFlight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).GetAwaiter().GetResult();
            ReturnBuffers();
        }

        base.Dispose(disposing);
    }

    void ReturnBuffers()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        while (_free.TryPop(out var free))
        {
            ArrayPool<byte>.Shared.Return(free);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

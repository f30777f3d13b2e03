using System.Globalization;
using System.Net;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Blobs;

/// <summary>
/// The SDK's download stream (which resumes a dropped connection where it stopped, pinned to the blob's ETag), with its
/// failures said in the port's terms: the blob vanished or changed while read (an <see cref="IOException"/>, which readers
/// treat as a changed source), or the service stayed unavailable (<see cref="BlobStoreUnavailableException"/>).
/// </summary>
sealed class BlobReadStream(Stream inner, long length, BlobRef blob, AzureBlobStorageOptions options) : Stream
{
    long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;

    /// <summary>The bytes this read covers: the range asked for, cut at the blob's end.</summary>
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var read = inner.Read(buffer);
            _position += read;
            return read;
        }
        catch (Exception ex) when (Translate(ex, CancellationToken.None) is { } translated)
        {
            throw translated;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            _position += read;
            return read;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    Exception? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (BlobFailures.IsStatus(exception, HttpStatusCode.NotFound))
        {
            return new BlobNotFoundException(blob, exception);
        }

        if (BlobFailures.IsStatus(exception, HttpStatusCode.PreconditionFailed))
        {
            return new IOException(string.Create(CultureInfo.InvariantCulture, $"Blob '{blob}' changed while it was read (at byte {_position:N0} of {length:N0}); read it again."), exception);
        }

        return BlobFailures.IsTransient(exception, cancellationToken) ? BlobFailures.Unavailable(exception, "read", blob, options) : null;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

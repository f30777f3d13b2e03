using System.Buffers;
using System.Runtime.InteropServices;

namespace DataEngine.Core.Readers;

/// <summary>Streams over bytes already in memory, without copying them when they live in an array.</summary>
internal static class PooledBytes
{
    /// <summary>A read-only stream over <paramref name="bytes"/>; copies into a pooled array only when they are not array-backed.</summary>
    public static Stream OpenRead(ReadOnlyMemory<byte> bytes)
    {
        if (MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null)
        {
            return new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false, publiclyVisible: true);
        }

        var rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.Span.CopyTo(rented);
        return new RentedStream(rented, bytes.Length);
    }

    /// <summary>A memory stream that gives its pooled array back when disposed.</summary>
    internal sealed class RentedStream(byte[] rented, int length)
        : MemoryStream(rented, 0, length, writable: false, publiclyVisible: true)
    {
        private byte[]? _rented = rented;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Interlocked.Exchange(ref _rented, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}

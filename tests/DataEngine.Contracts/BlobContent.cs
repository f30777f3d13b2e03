using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DataEngine.Contracts;

/// <summary>
/// Deterministic test content of any size, computed from the byte position: written and checked in chunks, so a
/// 200 MB blob never exists as one array, and any range of it can be recomputed to check a ranged read.
/// </summary>
public static class BlobContent
{
    const int ChunkBytes = 256 * 1024;

    /// <summary>Fills <paramref name="destination"/> with the content found at <paramref name="position"/>.</summary>
    public static void Fill(Span<byte> destination, long position)
    {
        // One 64-bit word per 8 positions; a chunk may start and end mid-word.
        Span<byte> partial = stackalloc byte[8];
        while (!destination.IsEmpty)
        {
            var skip = (int)(position & 7);
            var take = Math.Min(8 - skip, destination.Length);
            if (take == 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination, Word(position >> 3));
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(partial, Word(position >> 3));
                partial.Slice(skip, take).CopyTo(destination);
            }

            destination = destination[take..];
            position += take;
        }
    }

    /// <summary>The content of [<paramref name="position"/>, <paramref name="position"/> + <paramref name="length"/>).</summary>
    public static byte[] Bytes(long position, int length)
    {
        var bytes = new byte[length];
        Fill(bytes, position);
        return bytes;
    }

    /// <summary>Writes <paramref name="length"/> bytes of content to <paramref name="target"/> in chunks; returns their SHA-256.</summary>
    public static async Task<byte[]> WriteAsync(Stream target, long length, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (long at = 0; at < length;)
            {
                var count = (int)Math.Min(ChunkBytes, length - at);
                Fill(buffer.AsSpan(0, count), at);
                hash.AppendData(buffer, 0, count);
                await target.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                at += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Reads <paramref name="source"/> to its end in chunks; returns its SHA-256 and length.</summary>
    public static async Task<(byte[] Sha256, long Length)> HashAsync(Stream source, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        long length = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (hash.GetHashAndReset(), length);
    }

    /// <summary>Reads all of <paramref name="source"/> with reads of at most <paramref name="readSize"/> bytes, as a line scanner would.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream source, int readSize = 4096)
    {
        using var all = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await source.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return all.ToArray();
    }

    // SplitMix64 (Steele, Lea, Flood 2014): every word differs, so a misplaced range never matches by accident.
    static ulong Word(long index)
    {
        var z = (ulong)index * 0x9E3779B97F4A7C15UL + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace DataEngine.Core.Items;

/// <summary>Where an item sits: its source (a blob name) and its position in it (line number for line formats, 0 for whole files).</summary>
public readonly record struct ItemLocation(string Source, long Position)
{
    /// <summary>A short, stable id: 16 hex digits of XxHash64 over source and position.</summary>
    public string ToItemId()
    {
        Span<byte> position = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(position, Position);
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(Source));
        hash.Append(position);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    public override string ToString() => Position == 0 && !Source.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        ? Source
        : $"{Source}:{Position}";
}

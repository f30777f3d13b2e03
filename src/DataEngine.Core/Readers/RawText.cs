using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DataEngine.Core.Readers;

/// <summary>Checks on raw bytes shared by the decoders: BOM, UTF-8 validity, binary junk, blank input.</summary>
internal static class RawText
{
    /// <summary>Share of control bytes above which a file is binary, not text (random bytes give about 12%).</summary>
    public const double BinaryControlShare = 0.05;

    // C0 controls and DEL, except the ones text uses: tab, line feed, form feed, carriage return.
    private static readonly SearchValues<byte> s_controlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;

    /// <summary>True when the bytes hold nothing but ASCII whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n\f\v"u8) < 0;

    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence, or -1.</summary>
    public static int IndexOfInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    /// <summary>The share of bytes that are control characters text does not use.</summary>
    public static double ControlShare(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        var rest = bytes;
        int next;
        while ((next = rest.IndexOfAny(s_controlBytes)) >= 0)
        {
            count++;
            rest = rest[(next + 1)..];
        }

        return (double)count / bytes.Length;
    }

    /// <summary>A quarantine reason when the bytes look binary, else null.</summary>
    public static string? BinaryReason(ReadOnlySpan<byte> bytes)
    {
        var share = ControlShare(bytes);
        return share > BinaryControlShare ? $"binary content: {Math.Max(1, (int)Math.Round(share * 100))}% control bytes" : null;
    }

    /// <summary>Line feeds only: "\r\n" and lone '\r' become '\n', so the same text reads the same from any source.</summary>
    /// <summary>Why a whole-file item cannot be text at all (blank, or binary), or null when it may be.</summary>
    public static string? WholeFileReason(ReadOnlySpan<byte> bytes) =>
        IsBlank(bytes) ? "empty item" : BinaryReason(bytes);

    public static string NormalizeNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
}

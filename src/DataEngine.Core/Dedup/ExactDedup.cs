using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataEngine.Core.Dedup;

/// <summary>
/// Exact-duplicate keys: texts that differ only in letter case, punctuation or whitespace get the same key.
/// </summary>
/// <remarks>
/// <para>Normalising is one pass through a 64K-entry table into a pooled buffer: letters are lower-cased
/// (invariant culture, one UTF-16 unit to one); punctuation, math, currency and modifier symbols
/// ($ + &lt; = &gt; ^ ` | ~ and their Unicode kin), controls and format characters (zero-width space,
/// soft hyphen, BOM) are dropped; whitespace runs become one space, with none at either end. Letters,
/// digits, combining marks, other symbols (emoji, ©) and surrogates are kept.</para>
/// <para>Dropping a character joins its neighbours: "e-mail" and "email" share a key, "e mail" does not.</para>
/// <para>The key is XxHash128 of the normalised UTF-16 (little-endian) code units, as 32 lower-case hex digits.</para>
/// </remarks>
public static class ExactDedup
{
    private const char Drop = '\0';
    private const char Space = ' ';

    // What each UTF-16 code unit becomes: itself lower-cased, Space for whitespace, Drop for nothing.
    private static readonly char[] s_map = BuildMap();

    /// <summary>The 32-character lower-case hex key of <paramref name="text"/>'s normalised form.</summary>
    public static string Key(ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Hash(text));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The 128-bit hash behind <see cref="Key"/>.</summary>
    public static UInt128 Hash(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            var length = Normalize(text, buffer);
            return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(buffer.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The normalised text the key is made from (for inspection and tests; <see cref="Key"/> does not allocate it).</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
        try
        {
            return new string(buffer, 0, Normalize(text, buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the normalised form of <paramref name="text"/> to <paramref name="destination"/> (at least as long) and returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        if (destination.Length < text.Length)
        {
            throw new ArgumentException("The destination must be at least as long as the text.", nameof(destination));
        }

        var map = s_map;
        var written = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            var mapped = map[c];
            if (mapped == Drop)
            {
                continue;
            }

            if (mapped == Space)
            {
                pendingSpace = written > 0;
                continue;
            }

            if (pendingSpace)
            {
                destination[written++] = Space;
                pendingSpace = false;
            }

            destination[written++] = mapped;
        }

        return written;
    }

    private static char[] BuildMap()
    {
        var map = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            map[i] = char.IsWhiteSpace(c) ? Space : char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                    or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                    or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                    or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                    or UnicodeCategory.Control or UnicodeCategory.Format => Drop,
                _ => char.ToLowerInvariant(c),
            };
        }

        return map;
    }
}

namespace DataEngine.Core.Filters;

/// <summary>Counts Gopher's English stop words (Rae et al. 2021, Appendix A.1.1) among a document's words, with no allocation.</summary>
internal static class StopWords
{
    // Each word packed as lower-case ASCII, 16 bits a character, so a match is one comparison.
    private static readonly ulong[] s_packed =
        [Pack("the"), Pack("be"), Pack("to"), Pack("of"), Pack("and"), Pack("that"), Pack("have"), Pack("with")];

    /// <summary>Counts occurrences, stopping early once <paramref name="enough"/> are found.</summary>
    public static int Count(ReadOnlySpan<char> text, ReadOnlySpan<TextSegment> words, int enough)
    {
        var count = 0;
        foreach (var word in words)
        {
            if (word.Length is < 2 or > 4)
            {
                continue;
            }

            var packed = PackLower(text.Slice(word.Start, word.Length));
            if (packed != 0 && s_packed.AsSpan().Contains(packed) && ++count >= enough)
            {
                break;
            }
        }

        return count;
    }

    private static ulong Pack(string word) => PackLower(word);

    /// <summary>Packs up to four ASCII characters with letters lower-cased; 0 when any is not ASCII.</summary>
    private static ulong PackLower(ReadOnlySpan<char> word)
    {
        ulong packed = 0;
        foreach (var c in word)
        {
            if (c > 0x7F)
            {
                return 0;
            }

            // c | 0x20 lands in 'a'..'z' only for ASCII letters, so non-letters never match a stop word.
            packed = (packed << 16) | (uint)(c | 0x20);
        }

        return packed;
    }
}

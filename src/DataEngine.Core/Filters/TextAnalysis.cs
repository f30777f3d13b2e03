namespace DataEngine.Core.Filters;

/// <summary>
/// A text cut once into words, lines and paragraphs, shared by every filter that reads the same
/// <see cref="TextDocument"/>: positions only, no per-word strings.
/// </summary>
/// <remarks>
/// <para>A token is a run of non-whitespace characters, as the Gopher paper counts words (Rae et al. 2021,
/// Appendix A). A word is a token with its leading and trailing punctuation, symbols and controls trimmed
/// ("(hello)," gives "hello"); tokens that are nothing but punctuation ("-", "...", "#") are not words.
/// datatrove's NLTK tokeniser instead makes every punctuation mark a word, which makes the "80% of words
/// contain a letter" rule fail ordinary punctuation-heavy text (mail, forums).</para>
/// <para>A line is a run of text between line breaks (\n, \r\n, \r, U+0085, U+2028, U+2029), trimmed of
/// whitespace; blank lines are not lines. A paragraph is a run of lines with no blank line between them.</para>
/// <para>Each word also gets a 64-bit hash of its exact characters (FNV-1a, then a MurmurHash3 finaliser),
/// from which n-gram hashes are combined without touching the characters again.</para>
/// </remarks>
public sealed class TextAnalysis
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private TextSegment[] _words;
    private ulong[] _wordHashes;
    private TextSegment[] _lines;
    private TextSegment[] _paragraphs;
    private int _wordCount;
    private int _lineCount;
    private int _paragraphCount;

    private TextAnalysis(int textLength)
    {
        // English runs at about six characters a word with its space; grow if the guess is short.
        var words = (textLength / 5) + 16;
        _words = new TextSegment[words];
        _wordHashes = new ulong[words];
        _lines = new TextSegment[(textLength / 64) + 4];
        _paragraphs = new TextSegment[(textLength / 256) + 4];
    }

    /// <summary>Words in text order: tokens with edge punctuation trimmed.</summary>
    public ReadOnlySpan<TextSegment> Words => _words.AsSpan(0, _wordCount);

    /// <summary>A 64-bit hash of each word's exact characters, parallel to <see cref="Words"/>.</summary>
    public ReadOnlySpan<ulong> WordHashes => _wordHashes.AsSpan(0, _wordCount);

    /// <summary>Non-blank lines, trimmed of whitespace.</summary>
    public ReadOnlySpan<TextSegment> Lines => _lines.AsSpan(0, _lineCount);

    /// <summary>Paragraphs: from the first character of their first line to the last of their last line.</summary>
    public ReadOnlySpan<TextSegment> Paragraphs => _paragraphs.AsSpan(0, _paragraphCount);

    /// <summary>Whitespace-separated tokens, including those that are only punctuation.</summary>
    public int TokenCount { get; private set; }

    /// <summary>Words that contain at least one letter (any script).</summary>
    public int AlphaWordCount { get; private set; }

    /// <summary>Total characters in all words (trimmed).</summary>
    public long WordCharCount { get; private set; }

    /// <summary>Cuts <paramref name="text"/> in one pass.</summary>
    public static TextAnalysis Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var analysis = new TextAnalysis(text.Length);
        analysis.Scan(text);
        return analysis;
    }

    /// <summary>Hashes one word the way <see cref="WordHashes"/> does.</summary>
    public static ulong HashWord(ReadOnlySpan<char> word)
    {
        var h = FnvOffset;
        foreach (var c in word)
        {
            h = (h ^ c) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>MurmurHash3's 64-bit finaliser: spreads every input bit over the whole output.</summary>
    internal static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    private void Scan(ReadOnlySpan<char> s)
    {
        var n = s.Length;
        var i = 0;
        var lineStart = -1;
        var lineEnd = 0;
        var paragraphStart = -1;

        // Line breaks seen since the last token; two or more mean a blank line, so a new paragraph.
        var breaks = 2;
        while (i < n)
        {
            var kind = CharKinds.Of(s[i]);
            if ((kind & CharKinds.Space) != 0)
            {
                // \r\n is one break: the \r before a \n counts as plain space.
                if ((kind & CharKinds.LineBreak) != 0 && !(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
                {
                    if (lineStart >= 0)
                    {
                        AddLine(lineStart, lineEnd);
                        lineStart = -1;
                    }

                    breaks++;
                }

                i++;
                continue;
            }

            // The token runs to the next space; its hash is taken on the way, valid unless edges need trimming.
            var tokenStart = i;
            var kinds = kind;
            var hash = (FnvOffset ^ s[i]) * FnvPrime;
            i++;
            while (i < n)
            {
                var c = s[i];
                kind = CharKinds.Of(c);
                if ((kind & CharKinds.Space) != 0)
                {
                    break;
                }

                kinds |= kind;
                hash = (hash ^ c) * FnvPrime;
                i++;
            }

            if (lineStart < 0)
            {
                if (breaks >= 2)
                {
                    if (paragraphStart >= 0)
                    {
                        AddParagraph(paragraphStart, lineEnd);
                    }

                    paragraphStart = tokenStart;
                }

                lineStart = tokenStart;
            }

            breaks = 0;
            lineEnd = i;
            TokenCount++;
            if ((kinds & CharKinds.Edge) == 0)
            {
                AddWord(tokenStart, i, Mix(hash), (kinds & CharKinds.Letter) != 0);
            }
            else
            {
                TrimAndAddWord(s, tokenStart, i, (kinds & CharKinds.Letter) != 0);
            }
        }

        if (lineStart >= 0)
        {
            AddLine(lineStart, lineEnd);
        }

        if (paragraphStart >= 0)
        {
            AddParagraph(paragraphStart, lineEnd);
        }
    }

    private void TrimAndAddWord(ReadOnlySpan<char> s, int start, int end, bool hasLetter)
    {
        while (start < end && (CharKinds.Of(s[start]) & CharKinds.Edge) != 0)
        {
            start++;
        }

        while (end > start && (CharKinds.Of(s[end - 1]) & CharKinds.Edge) != 0)
        {
            end--;
        }

        if (end > start)
        {
            // Letters are never edge characters, so the token's letters are all inside the trimmed word.
            AddWord(start, end, HashWord(s[start..end]), hasLetter);
        }
    }

    private void AddWord(int start, int end, ulong hash, bool hasLetter)
    {
        if (_wordCount == _words.Length)
        {
            Array.Resize(ref _words, _words.Length * 2);
            Array.Resize(ref _wordHashes, _wordHashes.Length * 2);
        }

        _words[_wordCount] = new TextSegment(start, end - start);
        _wordHashes[_wordCount] = hash;
        _wordCount++;
        WordCharCount += end - start;
        if (hasLetter)
        {
            AlphaWordCount++;
        }
    }

    private void AddLine(int start, int end)
    {
        if (_lineCount == _lines.Length)
        {
            Array.Resize(ref _lines, _lines.Length * 2);
        }

        _lines[_lineCount++] = new TextSegment(start, end - start);
    }

    private void AddParagraph(int start, int end)
    {
        if (_paragraphCount == _paragraphs.Length)
        {
            Array.Resize(ref _paragraphs, _paragraphs.Length * 2);
        }

        _paragraphs[_paragraphCount++] = new TextSegment(start, end - start);
    }
}

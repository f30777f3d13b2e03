using System.Buffers;

namespace DataEngine.Core.Filters;

/// <summary>
/// C4's clean-up (Raffel et al. 2020, section 2.2; reference implementation: datatrove's c4_filters.py):
/// keeps only good lines, rewriting the document's text to them, and drops the document when it shows
/// lorem ipsum or code, or too few sentences remain.
/// </summary>
/// <remarks>
/// <para>Document rules run on the whole text before any line is looked at ("removed any page where the
/// phrase lorem ipsum appeared", "any pages that contained a curly bracket"). Then each line, trimmed,
/// loses its citation markers and goes when it has an over-long word, lacks terminal punctuation, has too
/// few words, mentions javascript, or is about policies or cookies. Kept lines are joined with "\n", so
/// blank lines (paragraph breaks) do not survive: run paragraph-level rules before this filter.</para>
/// <para>Sentences are counted without a model: a run of . ! ? (with any closing quotes or brackets)
/// followed by whitespace or the line's end ends a sentence, and every kept line has at least one. An
/// abbreviation such as "Dr. Smith" therefore counts as a sentence end; NLTK's Punkt would not.</para>
/// </remarks>
public sealed class C4Filter : ITextFilter
{
    public const string FilterName = "c4";

    private const string Prefix = FilterName + ".";
    private const string LoremIpsumRule = Prefix + C4Options.LoremIpsumKey;
    private const string CurlyBracketRule = Prefix + C4Options.CurlyBracketKey;
    private const string MinSentencesRule = Prefix + C4Options.MinSentencesKey;

    private static readonly SearchValues<char> s_lineBreaks = SearchValues.Create("\n\r\u0085\u2028\u2029");
    private static readonly SearchValues<char> s_sentenceEnds = SearchValues.Create(".!?");

    public C4Filter(C4Options? options = null)
    {
        Options = options ?? new C4Options();
        Options.Validate();
    }

    public C4Options Options { get; }

    public string Name => FilterName;

    public FilterVerdict Apply(TextDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var o = Options;
        var text = doc.Text.AsSpan();
        if (o.LoremIpsum && text.Contains("lorem ipsum", StringComparison.OrdinalIgnoreCase))
        {
            return FilterVerdict.Drop(LoremIpsumRule, 1, 0);
        }

        if (o.CurlyBracket && text.IndexOfAny('{', '}') >= 0)
        {
            return FilterVerdict.Drop(CurlyBracketRule, 1, 0);
        }

        // Kept lines are never longer than the lines they come from; +1 for the last line's "\n".
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            var written = 0;
            var sentences = 0;
            var rest = text;
            while (true)
            {
                var lineBreak = rest.IndexOfAny(s_lineBreaks);
                var line = lineBreak < 0 ? rest : rest[..lineBreak];
                var kept = KeepLine(line, buffer.AsSpan(written));
                if (kept > 0)
                {
                    sentences += CountSentences(buffer.AsSpan(written, kept));
                    written += kept;
                    buffer[written++] = '\n';
                }

                if (lineBreak < 0)
                {
                    break;
                }

                rest = rest[(lineBreak + 1)..];
            }

            if (o.MinSentences is { } minSentences && sentences < minSentences)
            {
                return FilterVerdict.Drop(MinSentencesRule, sentences, minSentences);
            }

            var result = buffer.AsSpan(0, Math.Max(0, written - 1));
            if (!result.SequenceEqual(text))
            {
                doc.ReplaceText(new string(result));
            }

            return FilterVerdict.Pass;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the cleaned line to <paramref name="destination"/> and returns its length, or 0 when the line goes.</summary>
    private int KeepLine(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var o = Options;
        var line = raw.Trim();
        if (line.IsEmpty)
        {
            return 0;
        }

        int length;
        if (o.RemoveCitations && line.Contains('['))
        {
            var cleaned = destination[..RemoveCitations(line, destination)].Trim();
            cleaned.CopyTo(destination);
            length = cleaned.Length;
        }
        else
        {
            line.CopyTo(destination);
            length = line.Length;
        }

        line = destination[..length];
        if (line.IsEmpty)
        {
            return 0;
        }

        var (words, longest) = CountWords(line);
        if (longest > o.MaxWordLength)
        {
            return 0;
        }

        if (o.TerminalPunct && (!EndsWithTerminal(line) || line.EndsWith("...")))
        {
            return 0;
        }

        if (words < o.MinWordsPerLine)
        {
            return 0;
        }

        if (o.Javascript && line.Contains("javascript", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (o.Policy && IsPolicy(line))
        {
            return 0;
        }

        return length;
    }

    private static bool EndsWithTerminal(ReadOnlySpan<char> line) => line[^1] is '.' or '?' or '!' or '"' or '\'' or '”' or '’';

    /// <summary>The phrases C4's code drops lines for (tensorflow_datasets c4_utils.py, _POLICY_SUBSTRINGS).</summary>
    private static bool IsPolicy(ReadOnlySpan<char> line)
    {
        const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;
        if (line.Contains("terms of use", IgnoreCase) || line.Contains("privacy policy", IgnoreCase))
        {
            return true;
        }

        return line.Contains("cookie", IgnoreCase)
            && (line.Contains("cookie policy", IgnoreCase) || line.Contains("uses cookies", IgnoreCase)
                || line.Contains("use of cookies", IgnoreCase) || line.Contains("use cookies", IgnoreCase));
    }

    private static int RemoveCitations(ReadOnlySpan<char> line, Span<char> destination)
    {
        var written = 0;
        while (!line.IsEmpty)
        {
            var open = line.IndexOf('[');
            if (open < 0)
            {
                line.CopyTo(destination[written..]);
                return written + line.Length;
            }

            line[..open].CopyTo(destination[written..]);
            written += open;
            var marker = CitationLength(line[open..]);
            if (marker == 0)
            {
                destination[written++] = '[';
                marker = 1;
            }

            line = line[(open + marker)..];
        }

        return written;
    }

    /// <summary>Length of the citation marker that <paramref name="s"/> (starting with "[") opens with, or 0.</summary>
    private static int CitationLength(ReadOnlySpan<char> s)
    {
        var i = 1;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i < s.Length && s[i] == ']')
        {
            return i + 1;
        }

        const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;
        if (s[1..].StartsWith("edit]", IgnoreCase))
        {
            return 6;
        }

        return s[1..].StartsWith("citation needed]", IgnoreCase) ? 17 : 0;
    }

    private static (int Words, int Longest) CountWords(ReadOnlySpan<char> line)
    {
        var words = 0;
        var longest = 0;
        var start = -1;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || char.IsWhiteSpace(line[i]))
            {
                if (start >= 0)
                {
                    words++;
                    longest = Math.Max(longest, i - start);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return (words, longest);
    }

    private static int CountSentences(ReadOnlySpan<char> line)
    {
        var sentences = 0;
        var i = line.IndexOfAny(s_sentenceEnds);
        while (i >= 0)
        {
            var j = i + 1;
            while (j < line.Length && line[j] is '.' or '!' or '?')
            {
                j++;
            }

            while (j < line.Length && line[j] is '"' or '\'' or ')' or ']' or '”' or '’' or '»')
            {
                j++;
            }

            if (j == line.Length || char.IsWhiteSpace(line[j]))
            {
                sentences++;
            }

            if (j >= line.Length)
            {
                break;
            }

            var next = line[j..].IndexOfAny(s_sentenceEnds);
            i = next < 0 ? -1 : j + next;
        }

        return Math.Max(sentences, 1);
    }
}

using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataEngine.Core.Filters;

/// <summary>
/// Gopher's repetition rules (Rae et al. 2021, Appendix A.1.1 and Table A1; reference implementation:
/// datatrove's gopher_repetition_filter.py): repeated lines and paragraphs, the most frequent 2-4-gram,
/// and repeated 5-10-grams, each as a fraction of the document's characters.
/// </summary>
/// <remarks>
/// <para>Lines and paragraphs are those of <see cref="TextAnalysis"/> (trimmed, non-blank), compared by a
/// 64-bit XxHash3 of their characters; a line counts as repeated from its second occurrence on.</para>
/// <para>N-grams run over the analysis's words. Each n-gram's hash is a polynomial of its word hashes
/// read off prefix sums (P[i+n] - P[i]·Bⁿ), and no string is built. Each larger n revisits only the
/// positions whose smaller n-gram repeated (see <see cref="NGramChars"/>).</para>
/// <para>Top n-gram: the count of the most frequent n-gram times its length (words joined by single
/// spaces), over the text length. Overlapping occurrences count each time, as in datatrove, so the
/// value can exceed 1 for degenerate text. Ties go to the longer n-gram; an n-gram seen only once is no
/// repetition and scores 0 (datatrove would score it, which drops short texts).</para>
/// <para>Duplicate n-grams: characters of the words covered by any second or later occurrence of an
/// n-gram, each word counted once (the paper: "taking care not to count characters that occur in
/// overlapping n-grams more than once"), over the text length.</para>
/// </remarks>
public sealed class GopherRepetitionFilter : ITextFilter
{
    public const string FilterName = "gopher_repetition";

    private const string Prefix = FilterName + ".";
    private const string DupLineRule = Prefix + GopherRepetitionOptions.DupLineFracKey;
    private const string DupParaRule = Prefix + GopherRepetitionOptions.DupParaFracKey;
    private const string DupLineCharRule = Prefix + GopherRepetitionOptions.DupLineCharFracKey;
    private const string DupParaCharRule = Prefix + GopherRepetitionOptions.DupParaCharFracKey;

    /// <summary>Odd multiplier of the n-gram polynomial (the golden-ratio constant).</summary>
    private const ulong Base = 0x9E3779B97F4A7C15UL;

    [ThreadStatic]
    private static NGramScratch? t_scratch;

    private readonly int[] _sizes;
    private readonly ulong[] _powers;
    private readonly NGramRule[] _topRules;
    private readonly NGramRule[] _dupRules;

    public GopherRepetitionFilter(GopherRepetitionOptions? options = null)
    {
        Options = options ?? new GopherRepetitionOptions();
        Options.Validate();
        _sizes = [.. Options.TopNGrams.Keys.Union(Options.DupNGrams.Keys).Order()];
        _powers = [.. _sizes.Select(Power)];
        _topRules = NGramRule.From(Prefix + GopherRepetitionOptions.TopNGramsKey, Options.TopNGrams, _sizes);
        _dupRules = NGramRule.From(Prefix + GopherRepetitionOptions.DupNGramsKey, Options.DupNGrams, _sizes);
    }

    public GopherRepetitionOptions Options { get; }

    public string Name => FilterName;

    public FilterVerdict Apply(TextDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var o = Options;
        var text = doc.Text.AsSpan();
        if (text.IsEmpty)
        {
            return FilterVerdict.Pass;
        }

        double length = text.Length;
        var analysis = doc.Analysis;
        var table = HashCounts.Shared;

        // Paragraphs first, then lines, then n-grams: datatrove's order.
        if (RepeatedSegments(text, analysis.Paragraphs, table, DupParaRule, o.DupParaFrac, DupParaCharRule, o.DupParaCharFrac) is { } paragraphs)
        {
            return paragraphs;
        }

        if (RepeatedSegments(text, analysis.Lines, table, DupLineRule, o.DupLineFrac, DupLineCharRule, o.DupLineCharFrac) is { } lines)
        {
            return lines;
        }

        var words = analysis.Words;
        if (words.IsEmpty || _sizes.Length == 0)
        {
            return FilterVerdict.Pass;
        }

        Span<long> topChars = stackalloc long[_sizes.Length];
        Span<long> dupChars = stackalloc long[_sizes.Length];
        NGramChars(words, analysis.WordHashes, table, topChars, dupChars);
        foreach (var rule in _topRules)
        {
            var fraction = topChars[rule.SizeIndex] / length;
            if (fraction > rule.MaxFraction)
            {
                return FilterVerdict.Drop(rule.Name, fraction, rule.MaxFraction);
            }
        }

        foreach (var rule in _dupRules)
        {
            var fraction = dupChars[rule.SizeIndex] / length;
            if (fraction > rule.MaxFraction)
            {
                return FilterVerdict.Drop(rule.Name, fraction, rule.MaxFraction);
            }
        }

        return FilterVerdict.Pass;
    }

    /// <summary>
    /// Gopher's duplicate-segment rules for one kind of segment (paragraphs or lines): the share of segments that repeat
    /// an earlier one, and the share of characters in them. Null when neither rule drops the document.
    /// </summary>
    private static FilterVerdict? RepeatedSegments(
        ReadOnlySpan<char> text, ReadOnlySpan<TextSegment> segments, HashCounts table,
        string fractionRule, double? maxFraction, string charRule, double? maxCharFraction)
    {
        if (segments.Length == 0 || (maxFraction is null && maxCharFraction is null))
        {
            return null;
        }

        var (repeats, chars) = CountRepeats(text, segments, table);
        var fraction = (double)repeats / segments.Length;
        if (maxFraction is { } max && fraction > max)
        {
            return FilterVerdict.Drop(fractionRule, fraction, max);
        }

        var charFraction = (double)chars / text.Length;
        if (maxCharFraction is { } maxChars && charFraction > maxChars)
        {
            return FilterVerdict.Drop(charRule, charFraction, maxChars);
        }

        return null;
    }

    private static (int Repeats, long Chars) CountRepeats(ReadOnlySpan<char> text, ReadOnlySpan<TextSegment> segments, HashCounts table)
    {
        table.Reset(segments.Length);
        var repeats = 0;
        long chars = 0;
        foreach (var segment in segments)
        {
            var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.Slice(segment.Start, segment.Length)));
            if (table.Add(hash) > 1)
            {
                repeats++;
                chars += segment.Length;
            }
        }

        return (repeats, chars);
    }

    /// <summary>
    /// For each n in <see cref="_sizes"/> (ascending): characters in all occurrences of the most frequent
    /// repeated n-gram, and characters of words covered by second or later occurrences of any n-gram.
    /// </summary>
    /// <remarks>
    /// An n-gram at position i can only occur twice if the shorter m-gram at i (its prefix) does, so each
    /// pass keeps just the positions whose n-gram has a count of at least 2, and the next, larger n looks
    /// at those alone. Natural text repeats few 3-grams and almost no 5-grams, so most passes are short.
    /// Skipped positions hold n-grams that occur once, which change neither measure: the result is exact.
    /// </remarks>
    private void NGramChars(ReadOnlySpan<TextSegment> words, ReadOnlySpan<ulong> wordHashes, HashCounts table, Span<long> topChars, Span<long> dupChars)
    {
        var w = words.Length;
        var scratch = t_scratch ??= new NGramScratch();
        scratch.EnsureCapacity(w + 1);
        var prefixHashes = scratch.PrefixHashes;
        var prefixChars = scratch.PrefixChars;
        var candidates = scratch.Candidates;
        var slots = scratch.Slots;

        // Prefix sums: index i covers words [0, i). An n-gram's hash is P[i+n] - P[i]·Bⁿ.
        ulong h = 0;
        var c = 0;
        for (var i = 0; i < w; i++)
        {
            h = (h * Base) + wordHashes[i];
            c += words[i].Length;
            prefixHashes[i + 1] = h;
            prefixChars[i + 1] = c;
        }

        // Before the first pass every position is a candidate, without listing them.
        var all = true;
        var count = w;
        for (var s = 0; s < _sizes.Length; s++)
        {
            var n = _sizes[s];
            var power = _powers[s];
            var last = w - n;
            table.Reset(Math.Min(count, Math.Max(last + 1, 0)));
            var bestCount = 1;
            var bestChars = 0;
            long duplicate = 0;
            var coveredTo = 0;
            var processed = 0;
            for (; processed < count; processed++)
            {
                var i = all ? processed : candidates[processed];
                if (i > last)
                {
                    break;
                }

                var slot = table.AddSlot(prefixHashes[i + n] - (prefixHashes[i] * power));
                slots[processed] = slot;
                var seen = table.CountAt(slot);
                if (seen < 2)
                {
                    continue;
                }

                var from = Math.Max(i, coveredTo);
                coveredTo = i + n;
                duplicate += prefixChars[coveredTo] - prefixChars[from];
                if (seen >= bestCount)
                {
                    var chars = prefixChars[i + n] - prefixChars[i] + n - 1;
                    if (seen > bestCount || chars > bestChars)
                    {
                        bestCount = seen;
                        bestChars = chars;
                    }
                }
            }

            topChars[s] = bestCount > 1 ? (long)bestCount * bestChars : 0;
            dupChars[s] = duplicate;

            // Keep the positions whose n-gram occurs at least twice; with none, no larger n-gram repeats either.
            var kept = 0;
            for (var k = 0; k < processed; k++)
            {
                if (table.CountAt(slots[k]) >= 2)
                {
                    candidates[kept++] = all ? k : candidates[k];
                }
            }

            all = false;
            count = kept;
            if (count == 0)
            {
                break;
            }
        }
    }

    private static ulong Power(int n)
    {
        ulong power = 1;
        for (var i = 0; i < n; i++)
        {
            power *= Base;
        }

        return power;
    }

    private sealed record NGramRule(int SizeIndex, double MaxFraction, string Name)
    {
        public static NGramRule[] From(string prefix, IReadOnlyDictionary<int, double> fractions, int[] sizes) =>
            [.. fractions.OrderBy(p => p.Key).Select(p => new NGramRule(Array.IndexOf(sizes, p.Key), p.Value, $"{prefix}.{p.Key}"))];
    }

    /// <summary>Per-thread arrays reused across documents.</summary>
    private sealed class NGramScratch
    {
        public ulong[] PrefixHashes { get; private set; } = [];

        public int[] PrefixChars { get; private set; } = [];

        public int[] Candidates { get; private set; } = [];

        public int[] Slots { get; private set; } = [];

        public void EnsureCapacity(int size)
        {
            if (PrefixHashes.Length >= size)
            {
                return;
            }

            var capacity = Math.Max(size, 4096);
            PrefixHashes = new ulong[capacity];
            PrefixChars = new int[capacity];
            Candidates = new int[capacity];
            Slots = new int[capacity];
        }
    }
}

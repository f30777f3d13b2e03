namespace DataEngine.Core.Filters;

/// <summary>
/// Gopher's quality rules (Rae et al. 2021, Appendix A.1.1; reference implementation: datatrove's
/// gopher_quality_filter.py): word count, mean word length, "#" and ellipsis ratios, bullet and
/// ellipsis lines, words with letters, stop words. Reads the document's shared <see cref="TextAnalysis"/>.
/// </summary>
/// <remarks>
/// Words are whitespace tokens with edge punctuation trimmed (see <see cref="TextAnalysis"/>), so
/// "the end." is two words that both contain a letter, and a lone "-" is no word at all. Bullet and
/// ellipsis line ratios are over non-blank lines, so blank lines between paragraphs do not dilute them.
/// Stop words are counted by occurrence, in any letter case. Rules run in the paper's order; the first
/// that fails names itself in the verdict.
/// </remarks>
public sealed class GopherQualityFilter : ITextFilter
{
    public const string FilterName = "gopher_quality";

    private const string Prefix = FilterName + ".";
    private const string MinDocWordsRule = Prefix + GopherQualityOptions.MinDocWordsKey;
    private const string MaxDocWordsRule = Prefix + GopherQualityOptions.MaxDocWordsKey;
    private const string MinAvgWordLengthRule = Prefix + GopherQualityOptions.MinAvgWordLengthKey;
    private const string MaxAvgWordLengthRule = Prefix + GopherQualityOptions.MaxAvgWordLengthKey;
    private const string HashRatioRule = Prefix + GopherQualityOptions.MaxSymbolWordRatioKey + ".hash";
    private const string EllipsisRatioRule = Prefix + GopherQualityOptions.MaxSymbolWordRatioKey + ".ellipsis";
    private const string BulletLinesRule = Prefix + GopherQualityOptions.MaxBulletLinesRatioKey;
    private const string EllipsisLinesRule = Prefix + GopherQualityOptions.MaxEllipsisLinesRatioKey;
    private const string AlphaWordsRule = Prefix + GopherQualityOptions.MaxNonAlphaWordsRatioKey;
    private const string StopWordsRule = Prefix + GopherQualityOptions.MinStopWordsKey;

    public GopherQualityFilter(GopherQualityOptions? options = null)
    {
        Options = options ?? new GopherQualityOptions();
        Options.Validate();
    }

    public GopherQualityOptions Options { get; }

    public string Name => FilterName;

    public FilterVerdict Apply(TextDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var o = Options;
        var text = doc.Text.AsSpan();
        var analysis = doc.Analysis;
        var words = analysis.Words.Length;

        if (o.MinDocWords is { } minWords && words < minWords)
        {
            return FilterVerdict.Drop(MinDocWordsRule, words, minWords);
        }

        if (o.MaxDocWords is { } maxWords && words > maxWords)
        {
            return FilterVerdict.Drop(MaxDocWordsRule, words, maxWords);
        }

        if (words > 0)
        {
            var meanLength = (double)analysis.WordCharCount / words;
            if (o.MinAvgWordLength is { } minLength && meanLength < minLength)
            {
                return FilterVerdict.Drop(MinAvgWordLengthRule, meanLength, minLength);
            }

            if (o.MaxAvgWordLength is { } maxLength && meanLength > maxLength)
            {
                return FilterVerdict.Drop(MaxAvgWordLengthRule, meanLength, maxLength);
            }

            if (o.MaxSymbolWordRatio is { } maxSymbols)
            {
                var hashes = (double)text.Count('#') / words;
                if (hashes > maxSymbols)
                {
                    return FilterVerdict.Drop(HashRatioRule, hashes, maxSymbols);
                }

                // Non-overlapping "...", as Python's str.count does, plus the single-character ellipsis.
                var ellipses = (double)(text.Count("...") + text.Count('…')) / words;
                if (ellipses > maxSymbols)
                {
                    return FilterVerdict.Drop(EllipsisRatioRule, ellipses, maxSymbols);
                }
            }
        }

        var lines = analysis.Lines;
        if (lines.Length > 0 && (o.MaxBulletLinesRatio is not null || o.MaxEllipsisLinesRatio is not null))
        {
            var bullets = 0;
            var ellipsisEnds = 0;
            foreach (var line in lines)
            {
                var span = text.Slice(line.Start, line.Length);
                if (IsBullet(span[0]))
                {
                    bullets++;
                }

                if (span[^1] == '…' || span.EndsWith("..."))
                {
                    ellipsisEnds++;
                }
            }

            var bulletRatio = (double)bullets / lines.Length;
            if (o.MaxBulletLinesRatio is { } maxBullets && bulletRatio > maxBullets)
            {
                return FilterVerdict.Drop(BulletLinesRule, bulletRatio, maxBullets);
            }

            var ellipsisRatio = (double)ellipsisEnds / lines.Length;
            if (o.MaxEllipsisLinesRatio is { } maxEllipsisLines && ellipsisRatio > maxEllipsisLines)
            {
                return FilterVerdict.Drop(EllipsisLinesRule, ellipsisRatio, maxEllipsisLines);
            }
        }

        if (words > 0 && o.MaxNonAlphaWordsRatio is { } minAlpha)
        {
            var alpha = (double)analysis.AlphaWordCount / words;
            if (alpha < minAlpha)
            {
                return FilterVerdict.Drop(AlphaWordsRule, alpha, minAlpha);
            }
        }

        if (o.MinStopWords is { } minStopWords)
        {
            var stopWords = StopWords.Count(text, analysis.Words, minStopWords);
            if (stopWords < minStopWords)
            {
                return FilterVerdict.Drop(StopWordsRule, stopWords, minStopWords);
            }
        }

        return FilterVerdict.Pass;
    }

    /// <summary>Bullets as datatrove has them ("•", "-") plus the other common list markers.</summary>
    private static bool IsBullet(char c) => c is '-' or '*' or '•' or '‣' or '◦' or '⁃' or '▪' or '●' or '–';
}

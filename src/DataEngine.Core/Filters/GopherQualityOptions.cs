namespace DataEngine.Core.Filters;

/// <summary>
/// Settings of <see cref="GopherQualityFilter"/>. Defaults are the published thresholds: Rae et al. 2021,
/// "Scaling Language Models: Methods, Analysis &amp; Insights from Training Gopher", Appendix A.1.1
/// ("Quality filtering"), as in datatrove's gopher_quality_filter.py. Null switches a rule off.
/// </summary>
public sealed record GopherQualityOptions
{
    internal const string MinDocWordsKey = "min_doc_words";
    internal const string MaxDocWordsKey = "max_doc_words";
    internal const string MinAvgWordLengthKey = "min_avg_word_length";
    internal const string MaxAvgWordLengthKey = "max_avg_word_length";
    internal const string MaxSymbolWordRatioKey = "max_symbol_word_ratio";
    internal const string MaxBulletLinesRatioKey = "max_bullet_lines_ratio";
    internal const string MaxEllipsisLinesRatioKey = "max_ellipsis_lines_ratio";
    internal const string MaxNonAlphaWordsRatioKey = "max_non_alpha_words_ratio";
    internal const string MinStopWordsKey = "min_stop_words";

    /// <summary>Fewest words (paper: 50).</summary>
    public int? MinDocWords { get; init; } = 50;

    /// <summary>Most words (paper: 100,000).</summary>
    public int? MaxDocWords { get; init; } = 100_000;

    /// <summary>Lowest mean word length in characters (paper: 3).</summary>
    public double? MinAvgWordLength { get; init; } = 3;

    /// <summary>Highest mean word length in characters (paper: 10).</summary>
    public double? MaxAvgWordLength { get; init; } = 10;

    /// <summary>Highest ratio of "#" to words, and of ellipses ("..." or "…") to words, each on its own (paper: 0.1).</summary>
    public double? MaxSymbolWordRatio { get; init; } = 0.1;

    /// <summary>Highest fraction of lines that start with a bullet (paper: 0.9).</summary>
    public double? MaxBulletLinesRatio { get; init; } = 0.9;

    /// <summary>Highest fraction of lines that end with an ellipsis (paper: 0.3).</summary>
    public double? MaxEllipsisLinesRatio { get; init; } = 0.3;

    /// <summary>
    /// Despite datatrove's name, the lowest fraction of words that contain a letter (paper: 80% of words
    /// must contain at least one alphabetic character). The verdict reports that fraction.
    /// </summary>
    public double? MaxNonAlphaWordsRatio { get; init; } = 0.8;

    /// <summary>Fewest occurrences of the stop words the, be, to, of, and, that, have, with, in any case (paper: 2).</summary>
    public int? MinStopWords { get; init; } = 2;

    internal static GopherQualityOptions Read(OptionReader reader)
    {
        var d = new GopherQualityOptions();
        return new GopherQualityOptions
        {
            MinDocWords = reader.Integer(MinDocWordsKey, d.MinDocWords),
            MaxDocWords = reader.Integer(MaxDocWordsKey, d.MaxDocWords),
            MinAvgWordLength = reader.Number(MinAvgWordLengthKey, d.MinAvgWordLength),
            MaxAvgWordLength = reader.Number(MaxAvgWordLengthKey, d.MaxAvgWordLength),
            MaxSymbolWordRatio = reader.Number(MaxSymbolWordRatioKey, d.MaxSymbolWordRatio),
            MaxBulletLinesRatio = reader.Number(MaxBulletLinesRatioKey, d.MaxBulletLinesRatio),
            MaxEllipsisLinesRatio = reader.Number(MaxEllipsisLinesRatioKey, d.MaxEllipsisLinesRatio),
            MaxNonAlphaWordsRatio = reader.Number(MaxNonAlphaWordsRatioKey, d.MaxNonAlphaWordsRatio),
            MinStopWords = reader.Integer(MinStopWordsKey, d.MinStopWords),
        };
    }

    internal void Validate()
    {
        const string Filter = GopherQualityFilter.FilterName;
        OptionCheck.AtLeast(Filter, MinDocWordsKey, MinDocWords, 0);
        OptionCheck.AtLeast(Filter, MaxDocWordsKey, MaxDocWords, 0);
        OptionCheck.Ordered(Filter, MinDocWordsKey, MinDocWords, MaxDocWordsKey, MaxDocWords);
        OptionCheck.NonNegative(Filter, MinAvgWordLengthKey, MinAvgWordLength);
        OptionCheck.NonNegative(Filter, MaxAvgWordLengthKey, MaxAvgWordLength);
        OptionCheck.Ordered(Filter, MinAvgWordLengthKey, MinAvgWordLength, MaxAvgWordLengthKey, MaxAvgWordLength);
        OptionCheck.Fraction(Filter, MaxSymbolWordRatioKey, MaxSymbolWordRatio);
        OptionCheck.Fraction(Filter, MaxBulletLinesRatioKey, MaxBulletLinesRatio);
        OptionCheck.Fraction(Filter, MaxEllipsisLinesRatioKey, MaxEllipsisLinesRatio);
        OptionCheck.Fraction(Filter, MaxNonAlphaWordsRatioKey, MaxNonAlphaWordsRatio);
        OptionCheck.AtLeast(Filter, MinStopWordsKey, MinStopWords, 0);
    }
}

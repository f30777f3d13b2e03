namespace DataEngine.Core.Filters;

/// <summary>
/// Settings of <see cref="GopherRepetitionFilter"/>. Defaults are Table A1 of Rae et al. 2021, "Scaling
/// Language Models: Methods, Analysis &amp; Insights from Training Gopher", as in datatrove's
/// gopher_repetition_filter.py. Null switches a rule off.
/// </summary>
public sealed record GopherRepetitionOptions
{
    internal const string DupLineFracKey = "dup_line_frac";
    internal const string DupParaFracKey = "dup_para_frac";
    internal const string DupLineCharFracKey = "dup_line_char_frac";
    internal const string DupParaCharFracKey = "dup_para_char_frac";
    internal const string TopNGramsKey = "top_n_grams";
    internal const string DupNGramsKey = "dup_n_grams";

    /// <summary>Largest n an n-gram rule may use.</summary>
    public const int MaxN = 50;

    /// <summary>Highest fraction of lines that repeat an earlier line (0.30).</summary>
    public double? DupLineFrac { get; init; } = 0.3;

    /// <summary>Highest fraction of paragraphs that repeat an earlier paragraph (0.30).</summary>
    public double? DupParaFrac { get; init; } = 0.3;

    /// <summary>Highest fraction of the text's characters in repeated lines (0.20).</summary>
    public double? DupLineCharFrac { get; init; } = 0.2;

    /// <summary>Highest fraction of the text's characters in repeated paragraphs (0.20).</summary>
    public double? DupParaCharFrac { get; init; } = 0.2;

    /// <summary>For each n, the highest fraction of characters in the most frequent n-gram (2: 0.20, 3: 0.18, 4: 0.16).</summary>
    public IReadOnlyDictionary<int, double> TopNGrams { get; init; } = new Dictionary<int, double> { [2] = 0.2, [3] = 0.18, [4] = 0.16 };

    /// <summary>For each n, the highest fraction of characters in repeated n-grams (5: 0.15 down to 10: 0.10).</summary>
    public IReadOnlyDictionary<int, double> DupNGrams { get; init; } = new Dictionary<int, double>
    {
        [5] = 0.15, [6] = 0.14, [7] = 0.13, [8] = 0.12, [9] = 0.11, [10] = 0.10,
    };

    internal static GopherRepetitionOptions Read(OptionReader reader)
    {
        var d = new GopherRepetitionOptions();
        return new GopherRepetitionOptions
        {
            DupLineFrac = reader.Number(DupLineFracKey, d.DupLineFrac),
            DupParaFrac = reader.Number(DupParaFracKey, d.DupParaFrac),
            DupLineCharFrac = reader.Number(DupLineCharFracKey, d.DupLineCharFrac),
            DupParaCharFrac = reader.Number(DupParaCharFracKey, d.DupParaCharFrac),
            TopNGrams = reader.NGramFractions(TopNGramsKey, d.TopNGrams),
            DupNGrams = reader.NGramFractions(DupNGramsKey, d.DupNGrams),
        };
    }

    internal void Validate()
    {
        const string Filter = GopherRepetitionFilter.FilterName;
        OptionCheck.Fraction(Filter, DupLineFracKey, DupLineFrac);
        OptionCheck.Fraction(Filter, DupParaFracKey, DupParaFrac);
        OptionCheck.Fraction(Filter, DupLineCharFracKey, DupLineCharFrac);
        OptionCheck.Fraction(Filter, DupParaCharFracKey, DupParaCharFrac);
        ValidateNGrams(Filter, TopNGramsKey, TopNGrams);
        ValidateNGrams(Filter, DupNGramsKey, DupNGrams);
    }

    private static void ValidateNGrams(string filter, string key, IReadOnlyDictionary<int, double> fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions, key);
        foreach (var (n, fraction) in fractions)
        {
            if (n is < 1 or > MaxN)
            {
                throw OptionCheck.Error(filter, key, $"{{\"{n}\": {OptionCheck.Show(fraction)}}}", $"n-gram sizes from 1 to {MaxN}");
            }

            OptionCheck.Fraction(filter, $"{key}.{n}", fraction);
        }
    }
}

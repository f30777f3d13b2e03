namespace DataEngine.Core.Filters;

/// <summary>Settings of <see cref="LengthFilter"/>; null switches a bound off.</summary>
public sealed record LengthFilterOptions
{
    internal const string MinCharsKey = "min_chars";
    internal const string MaxCharsKey = "max_chars";

    /// <summary>Fewest characters a document may have (after trimming whitespace). Default 1: empty documents go.</summary>
    public int? MinChars { get; init; } = 1;

    /// <summary>Most characters a document may have. Default: no limit.</summary>
    public int? MaxChars { get; init; }

    internal static LengthFilterOptions Read(OptionReader reader)
    {
        var d = new LengthFilterOptions();
        return new LengthFilterOptions
        {
            MinChars = reader.Integer(MinCharsKey, d.MinChars),
            MaxChars = reader.Integer(MaxCharsKey, d.MaxChars),
        };
    }

    internal void Validate()
    {
        const string Filter = LengthFilter.FilterName;
        OptionCheck.AtLeast(Filter, MinCharsKey, MinChars, 0);
        OptionCheck.AtLeast(Filter, MaxCharsKey, MaxChars, 0);
        OptionCheck.Ordered(Filter, MinCharsKey, MinChars, MaxCharsKey, MaxChars);
    }
}

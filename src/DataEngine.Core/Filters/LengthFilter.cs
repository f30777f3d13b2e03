namespace DataEngine.Core.Filters;

/// <summary>Drops documents that are too short or too long, counted in UTF-16 characters after trimming surrounding whitespace.</summary>
public sealed class LengthFilter : ITextFilter
{
    public const string FilterName = "length";

    private const string MinRule = FilterName + "." + LengthFilterOptions.MinCharsKey;
    private const string MaxRule = FilterName + "." + LengthFilterOptions.MaxCharsKey;

    public LengthFilter(LengthFilterOptions? options = null)
    {
        Options = options ?? new LengthFilterOptions();
        Options.Validate();
    }

    public LengthFilterOptions Options { get; }

    public string Name => FilterName;

    public FilterVerdict Apply(TextDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var length = doc.Text.AsSpan().Trim().Length;
        if (Options.MinChars is { } min && length < min)
        {
            return FilterVerdict.Drop(MinRule, length, min);
        }

        if (Options.MaxChars is { } max && length > max)
        {
            return FilterVerdict.Drop(MaxRule, length, max);
        }

        return FilterVerdict.Pass;
    }
}

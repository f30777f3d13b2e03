using System.Text.Json;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Filters;

/// <summary>Creates text filters by configuration name from JSON options, validating everything before anything runs.</summary>
public static class FilterCatalog
{
    /// <summary>The filter names <see cref="Create"/> knows, in the order a pipeline would usually run them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [LengthFilter.FilterName, GopherRepetitionFilter.FilterName, GopherQualityFilter.FilterName, C4Filter.FilterName];

    /// <summary>
    /// Creates the filter <paramref name="name"/> with <paramref name="options"/> (an object of snake_case keys;
    /// null or absent for the defaults; a null value switches that rule off).
    /// </summary>
    /// <exception cref="PipelineConfigException">The name is unknown, or an option is unknown, of the wrong type or out of range.</exception>
    public static ITextFilter Create(string name, JsonElement? options)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new PipelineConfigException($"Unknown filter '{name}'; known filters: {string.Join(", ", Names)}.");
        }

        var reader = new OptionReader(name, options);
        Func<ITextFilter> create = name switch
        {
            LengthFilter.FilterName => Read(reader, LengthFilterOptions.Read, o => new LengthFilter(o)),
            GopherQualityFilter.FilterName => Read(reader, GopherQualityOptions.Read, o => new GopherQualityFilter(o)),
            GopherRepetitionFilter.FilterName => Read(reader, GopherRepetitionOptions.Read, o => new GopherRepetitionFilter(o)),
            C4Filter.FilterName => Read(reader, C4Options.Read, o => new C4Filter(o)),
            _ => throw new InvalidOperationException($"Filter '{name}' is listed in Names but has no constructor."),
        };

        // Unknown keys are reported before range errors: a misspelt key is the likelier mistake.
        reader.RejectUnknownKeys();
        return create();
    }

    private static Func<ITextFilter> Read<TOptions>(OptionReader reader, Func<OptionReader, TOptions> read, Func<TOptions, ITextFilter> create)
    {
        var options = read(reader);
        return () => create(options);
    }
}

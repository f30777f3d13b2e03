namespace DataEngine.Core.Filters;

/// <summary>One first-pass rule over a document's text. Filters are stateless and thread-safe.</summary>
public interface ITextFilter
{
    /// <summary>The name used in pipeline configuration ("gopher_quality", ...).</summary>
    string Name { get; }

    /// <summary>Decides on one document. <paramref name="doc"/> holds the text and its shared, lazily computed analysis.</summary>
    FilterVerdict Apply(TextDocument doc);
}

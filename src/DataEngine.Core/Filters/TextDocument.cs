namespace DataEngine.Core.Filters;

/// <summary>A document's text as the filters see it, with its shared analysis computed once, on first use.</summary>
/// <remarks>
/// A filter that rewrites the text (the C4 filter keeps only its good lines) calls <see cref="ReplaceText"/>;
/// later filters then see the new text and a fresh analysis. The pipeline takes <see cref="Text"/> after
/// the last filter as the output. One document is worked on by one thread at a time; it is not thread-safe.
/// </remarks>
public sealed class TextDocument
{
    private string _text;
    private TextAnalysis? _analysis;

    public TextDocument(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
    }

    /// <summary>The current text: the original, or what the last rewriting filter left.</summary>
    public string Text => _text;

    /// <summary>True once a filter has replaced the text with a different one.</summary>
    public bool IsRewritten { get; private set; }

    /// <summary>Words, lines and paragraphs of the current text, computed on first use and shared by all filters.</summary>
    public TextAnalysis Analysis => _analysis ??= TextAnalysis.Compute(_text);

    /// <summary>Replaces the text; the analysis is recomputed when next asked for. Does nothing when the text is unchanged.</summary>
    public void ReplaceText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, _text, StringComparison.Ordinal))
        {
            return;
        }

        _text = text;
        _analysis = null;
        IsRewritten = true;
    }
}

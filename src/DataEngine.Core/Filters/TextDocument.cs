namespace DataEngine.Core.Filters;

/// <summary>A document's text as the filters see it. Placeholder shape; the filters' shared analysis is added here.</summary>
public sealed class TextDocument(string text)
{
    public string Text { get; } = text;
}

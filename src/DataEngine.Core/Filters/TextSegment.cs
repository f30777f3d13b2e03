namespace DataEngine.Core.Filters;

/// <summary>A run of characters in a document's text, by start index and length (UTF-16 code units).</summary>
public readonly record struct TextSegment(int Start, int Length)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);
}

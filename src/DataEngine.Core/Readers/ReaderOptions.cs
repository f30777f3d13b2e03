namespace DataEngine.Core.Readers;

/// <summary>How sources are read: an explicit format that overrides the file extension, and the JSONL text field.</summary>
/// <param name="Format">"jsonl", "text", "html" or "eml" to read every source that way; null to pick by file extension.</param>
/// <param name="TextField">The JSONL field that holds the text (or the raw message, for <see cref="JsonlContent.Mail"/>).</param>
/// <param name="Content">What the JSONL text field holds.</param>
public sealed record ReaderOptions(string? Format = null, string TextField = "text", JsonlContent Content = JsonlContent.Text);

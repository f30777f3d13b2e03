namespace DataEngine.Core.Runs;

/// <summary>One line of curated output (and of a batch's survivors): the item's text with where it came from.</summary>
public sealed record CuratedRecord(string Id, string Source, long Position, string Text, IReadOnlyDictionary<string, string> Metadata);

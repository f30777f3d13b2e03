namespace DataEngine.Core.Items;

/// <summary>One unit of raw content after reading: decoded text plus the metadata its source carried.</summary>
/// <param name="Id">Stable id derived from <see cref="Location"/>; the same source and position always give the same id.</param>
/// <param name="Location">Where the item came from.</param>
/// <param name="Text">Decoded text (never headers or markup).</param>
/// <param name="Metadata">Everything the source said about the item that is not its text (headers, other JSON fields).</param>
public sealed record Item(string Id, ItemLocation Location, string Text, IReadOnlyDictionary<string, string> Metadata);

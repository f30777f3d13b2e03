namespace DataEngine.Core.Runs;

/// <summary>
/// One planned input item: a byte range of a raw blob (a line of a JSONL file, or a whole file).
/// Plans carry these instead of content, so batches pass references, never payloads.
/// </summary>
/// <param name="Source">Blob name in the raw container.</param>
/// <param name="Offset">First byte of the unit in the blob.</param>
/// <param name="Length">Length in bytes (without the line break).</param>
/// <param name="Position">Line number (1-based) for line formats; 0 for a whole file.</param>
/// <param name="Ordinal">Place in the run's plan; among copies of a text, the lowest ordinal is kept.</param>
/// <param name="Staged">
/// For a compressed source: the blob in the work container holding its decompressed bytes, which
/// <paramref name="Offset"/> and <paramref name="Length"/> point into. Null when the raw blob is read as it is.
/// </param>
/// <param name="Problem">Why the planner could not cut the source into items (a corrupt .gz); the unit is quarantined with it, unread.</param>
public sealed record WorkUnit(string Source, long Offset, long Length, long Position, long Ordinal, string? Staged = null, string? Problem = null)
{
    /// <summary>The blob whose bytes this unit reads.</summary>
    public Ports.BlobRef Blob => Staged is { } staged ? new(Ports.Containers.Work, staged) : new(Ports.Containers.Raw, Source);
}

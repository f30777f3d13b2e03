using DataEngine.Core.Items;

namespace DataEngine.Core.Readers;

/// <summary>
/// Turns the raw bytes of one unit (a line of a line-delimited file, or a whole file) into an item.
/// Decoders never throw for bad input: they return a quarantine outcome naming the reason.
/// </summary>
public interface IItemDecoder
{
    /// <summary>Short name used in configuration and reports ("jsonl", "text", "html", "eml").</summary>
    string Name { get; }

    /// <summary>True when a source holds one item per line (JSONL); false when a whole file is one item.</summary>
    bool LineDelimited { get; }

    /// <summary>Decodes <paramref name="raw"/>, the bytes of the unit at <paramref name="location"/>.</summary>
    ReadOutcome Decode(ReadOnlyMemory<byte> raw, ItemLocation location);
}

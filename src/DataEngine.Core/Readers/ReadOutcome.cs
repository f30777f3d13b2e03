using DataEngine.Core.Items;

namespace DataEngine.Core.Readers;

/// <summary>What decoding one unit of raw bytes gave: an item, or the reason it could not be read.</summary>
public readonly record struct ReadOutcome(ItemLocation Location, Item? Item, string? Error)
{
    public bool IsItem => Item is not null;

    public static ReadOutcome Ok(Item item) => new(item.Location, item, null);

    public static ReadOutcome Quarantine(ItemLocation location, string error) => new(location, null, error);
}

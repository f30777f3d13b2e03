namespace DataEngine.Models.Heads;

/// <summary>An item with its final label, whatever features a head reads from it.</summary>
internal interface ILabeledItem
{
    string ItemId { get; }

    string Label { get; }
}

namespace DataEngine.Models.Heads;

/// <summary>One labelled item for an embedding head: its id, its label and its sentence embedding.</summary>
public sealed record HeadExample(string ItemId, string Label, ReadOnlyMemory<float> Embedding) : ILabeledItem;

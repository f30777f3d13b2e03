using DataEngine.Models.Heads;

namespace DataEngine.Models.HashedNgrams;

/// <summary>One labelled item for an n-gram head: its id, its label and its text.</summary>
public sealed record NgramExample(string ItemId, string Label, string Text) : ILabeledItem;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>One label the expensive tiers gave, kept with its text (and embedding, when computed) to train the light heads on.</summary>
/// <param name="By">The annotator, as "FoundationModel:gpt-4o-mini@…" or "Human:alice".</param>
public sealed record TrainingExample(string ItemId, string Label, string Text, string By, IReadOnlyList<float>? Embedding = null, string? EmbedderId = null);

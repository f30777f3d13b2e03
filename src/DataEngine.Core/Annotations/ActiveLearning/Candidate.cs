namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>An unlabelled item active learning may send to a human, with what the tiers and the embedder said about it.</summary>
/// <param name="ItemId">The item's id; ties between equal scores go to the smaller id (ordinal).</param>
/// <param name="Light">The light tier's prediction, if a head has scored it (uncertainty strategies need it).</param>
/// <param name="Second">A second tier's prediction (usually the foundation model), for <see cref="SelectionStrategy.Disagreement"/>.</param>
/// <param name="Embedding">The item's embedding, for the diversity strategies; compared by cosine distance.</param>
public sealed record Candidate(
    string ItemId,
    LabelPrediction? Light = null,
    LabelPrediction? Second = null,
    ReadOnlyMemory<float>? Embedding = null);

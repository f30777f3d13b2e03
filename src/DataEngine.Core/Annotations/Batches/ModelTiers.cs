using DataEngine.Core.Ports;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// The model tiers this process has: each is optional. Without a light annotator every item goes up the cascade; without
/// a foundation endpoint the foundation budget is zero; without an embedder only the n-gram head answers.
/// </summary>
public sealed class ModelTiers(ILightAnnotator? light = null, ITextEmbedder? embedder = null, IFoundationAnnotator? foundation = null)
{
    public ILightAnnotator? Light { get; } = light;

    public ITextEmbedder? Embedder { get; } = embedder;

    public IFoundationAnnotator? Foundation { get; } = foundation;
}

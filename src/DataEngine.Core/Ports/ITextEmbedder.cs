namespace DataEngine.Core.Ports;

/// <summary>
/// Port for a sentence embedder (all-MiniLM-L6-v2 on ONNX Runtime in DataEngine.Models). One instance per process: it
/// holds the model session. Safe to call from several threads.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>The model's name and version, recorded with everything trained or scored on its embeddings.</summary>
    string ModelId { get; }

    /// <summary>Length of one embedding.</summary>
    int Dimensions { get; }

    /// <summary>
    /// Embeds <paramref name="texts"/> into <paramref name="destination"/>: row i (Dimensions floats, L2-normalised) is
    /// the embedding of texts[i]. Texts longer than the configured token limit are truncated.
    /// </summary>
    void Embed(IReadOnlyList<string> texts, Span<float> destination, CancellationToken cancellationToken = default);
}

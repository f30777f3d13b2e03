namespace DataEngine.Models.Heads;

/// <summary>
/// Scores embeddings with stored ONNX head versions through ONNX Runtime, then applies each version's calibration. One
/// session per version, loaded on first use and kept (up to <see cref="HeadOptions.MaxLoadedHeads"/>); a singleton.
/// </summary>
public sealed class HeadScorer(HeadStore store, HeadOptions options) : IDisposable
{
    readonly HeadCache<OnnxHead> _sessions = new(options.MaxLoadedHeads);

    /// <summary>Raw scores of <paramref name="rows"/> embeddings (row-major): the margin, or one logit per label.</summary>
    public async Task<float[]> RawScoresAsync(HeadManifest head, ReadOnlyMemory<float> embeddings, int rows, CancellationToken cancellationToken = default)
    {
        if (head.ModelFormat != HeadModelFormats.Onnx)
        {
            throw new ArgumentException($"Head {head.Dataset}/{head.Task}@{head.Version} is a '{head.ModelFormat}' model, not an ONNX one.", nameof(head));
        }

        var key = HeadStore.ModelRef(head).ToString();
        using var lease = await _sessions.GetAsync(
            key,
            async () => new OnnxHead(await store.LoadModelAsync(head, CancellationToken.None), head.Dimensions, head.Labels.Count, options.IntraOpThreads),
            cancellationToken);
        return lease.Model.RawScores(embeddings, rows);
    }

    /// <summary>Calibrated probabilities, row-major, one per label in the head's label order.</summary>
    public async Task<float[]> ProbabilitiesAsync(HeadManifest head, ReadOnlyMemory<float> embeddings, int rows, CancellationToken cancellationToken = default) =>
        head.Calibration.ApplyAll(await RawScoresAsync(head, embeddings, rows, cancellationToken), head.Labels.Count);

    public void Dispose() => _sessions.Dispose();
}

using DataEngine.Models.Heads;

namespace DataEngine.Models.HashedNgrams;

/// <summary>
/// Scores texts with stored n-gram head versions: featurize, sparse dot product, then the version's calibration.
/// Models are loaded once per version (up to <see cref="HeadOptions.MaxLoadedHeads"/>); a singleton.
/// </summary>
public sealed class NgramScorer(HeadStore store, NgramFeaturizer featurizer, HeadOptions options) : IDisposable
{
    readonly HeadCache<NgramModel> _models = new(options.MaxLoadedHeads);

    public NgramFeaturizer Featurizer => featurizer;

    /// <summary>Calibrated probabilities, row-major, one per label in the head's label order.</summary>
    /// <exception cref="ArgumentException">The head is not an n-gram head of this featurizer.</exception>
    public async Task<float[]> ProbabilitiesAsync(HeadManifest head, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (head.ModelFormat != HeadModelFormats.NgramLinear || head.Features != featurizer.Id)
        {
            throw new ArgumentException(
                $"Head {head.Dataset}/{head.Task}@{head.Version} is a '{head.ModelFormat}' model on '{head.Features}', not an n-gram model on '{featurizer.Id}'.",
                nameof(head));
        }

        using var lease = await _models.GetAsync(
            HeadStore.ModelRef(head).ToString(),
            async () => NgramModel.Deserialize(await store.LoadModelAsync(head, CancellationToken.None)),
            cancellationToken);
        return head.Calibration.ApplyAll(RawScores(lease.Model, featurizer, texts), head.Labels.Count);
    }

    /// <summary>Raw scores of each text, row-major: the margin, or one logit per label.</summary>
    public static float[] RawScores(NgramModel model, NgramFeaturizer featurizer, IReadOnlyList<string> texts)
    {
        var raw = new float[texts.Count * model.Outputs];
        int[] indices = [];
        float[] values = [];
        for (var row = 0; row < texts.Count; row++)
        {
            var n = featurizer.Featurize(texts[row], ref indices, ref values);
            model.RawScores(indices.AsSpan(0, n), values.AsSpan(0, n), raw.AsSpan(row * model.Outputs, model.Outputs));
        }

        return raw;
    }

    public void Dispose() => _models.Dispose();
}

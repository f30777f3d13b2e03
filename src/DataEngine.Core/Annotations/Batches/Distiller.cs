using System.Globalization;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// Distillation: retrains a task's light heads from every label the expensive tiers have given the dataset so far (the
/// training-example blobs of all its runs), and promotes a new head only when it beats the current one on held-out
/// items (the light annotator decides). Examples without an embedding are embedded here, so the embedding head learns
/// from every label too. Returns one readable line per head.
/// </summary>
public sealed class Distiller(IBlobStore blobs, ModelTiers models)
{
    public async Task<IReadOnlyList<string>> RetrainAsync(string dataset, AnnotationTaskConfig task, CancellationToken cancellationToken = default)
    {
        if (models.Light is not { } light || task.Kind == AnnotationKind.Score)
        {
            return [];
        }

        // The newest label of an item wins (a human's answer after the foundation model's, a later run's after an earlier one's).
        var byItem = new Dictionary<string, TrainingExample>(StringComparer.Ordinal);
        await foreach (var blob in blobs.ListAsync(Containers.Work, RunPaths.TrainingPrefix(dataset, task.Name), cancellationToken))
        {
            await foreach (var example in JsonLines.ReadAsync<TrainingExample>(blobs, blob.Ref, cancellationToken))
            {
                byItem[example.ItemId] = example;
            }
        }

        if (byItem.Count == 0)
        {
            return [];
        }

        var examples = byItem.Values.OrderBy(e => e.ItemId, StringComparer.Ordinal).ToList();
        var embeddings = Embed(examples, cancellationToken);
        var outcome = await light.TrainAsync(
            dataset,
            task,
            [.. examples.Select((e, i) => new LightExample(e.ItemId, e.Label, e.Text, embeddings?[i] ?? default))],
            embeddings is null ? null : models.Embedder!.ModelId,
            cancellationToken);
        return [.. outcome.Heads.Select(Describe)];
    }

    /// <summary>Embeddings for every example (reusing those the light step computed with the same model); null without an embedder.</summary>
    ReadOnlyMemory<float>[]? Embed(List<TrainingExample> examples, CancellationToken cancellationToken)
    {
        if (models.Embedder is not { } embedder)
        {
            return null;
        }

        var result = new ReadOnlyMemory<float>[examples.Count];
        var missing = new List<int>();
        for (var i = 0; i < examples.Count; i++)
        {
            if (examples[i] is { Embedding: { } vector, EmbedderId: { } id } && id == embedder.ModelId && vector.Count == embedder.Dimensions)
            {
                result[i] = vector.ToArray();
            }
            else
            {
                missing.Add(i);
            }
        }

        const int Chunk = 64;
        for (var start = 0; start < missing.Count; start += Chunk)
        {
            var rows = missing.Skip(start).Take(Chunk).ToList();
            var vectors = new float[rows.Count * embedder.Dimensions];
            embedder.Embed([.. rows.Select(i => examples[i].Text)], vectors, cancellationToken);
            for (var r = 0; r < rows.Count; r++)
            {
                result[rows[r]] = vectors.AsMemory(r * embedder.Dimensions, embedder.Dimensions);
            }
        }

        return result;
    }

    static string Describe(LightHeadOutcome head) => head switch
    {
        { Trained: false } => $"{head.Tier}: not trained ({head.Reason})",
        { Reused: true } => $"{head.Tier}: version {head.Version} already trained on these labels; current {head.CurrentVersion}",
        { Promoted: true } => string.Create(CultureInfo.InvariantCulture,
            $"{head.Tier}: version {head.Version} promoted (macro-F1 {head.MacroF1:0.000}, ECE {head.ExpectedCalibrationError:0.000}, {head.TrainingLabels} labels)"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{head.Tier}: version {head.Version} kept back ({head.Reason}); current {head.CurrentVersion}"),
    };
}

using System.Collections.Concurrent;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Models.HashedNgrams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataEngine.Models.Heads;

/// <summary>
/// <see cref="ILightAnnotator"/> over stored heads: predicts with each tier's promoted version (read from current.json
/// on every call, so a promotion takes effect at the next batch), and trains both tiers through <see cref="HeadTraining"/>.
/// </summary>
public sealed class LightAnnotator(
    HeadStore store,
    HeadScorer headScorer,
    NgramScorer ngramScorer,
    HeadTraining training,
    ILogger<LightAnnotator>? logger = null) : ILightAnnotator
{
    /// <summary>Annotator id of the n-gram tier (the version is the head version).</summary>
    public const string NgramAnnotatorId = "ngram-head";

    /// <summary>Annotator id prefix of the embedding tier, followed by the embedder's model id.</summary>
    public const string EmbeddingAnnotatorPrefix = "embedding-head:";

    // Manifests never change once written, so each is read once per process.
    readonly ConcurrentDictionary<string, HeadManifest> _manifests = new(StringComparer.Ordinal);
    readonly ILogger _logger = logger ?? NullLogger<LightAnnotator>.Instance;

    public async Task<LightPredictions> PredictTextsAsync(string dataset, AnnotationTaskConfig task, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var (head, map, reason) = await CurrentAsync(dataset, task, LightTier.HashedNgrams, ngramScorer.Featurizer.Id, cancellationToken);
        if (head is null)
        {
            return NoHead(LightTier.HashedNgrams, texts.Count, reason!);
        }

        var probabilities = await ngramScorer.ProbabilitiesAsync(head, texts, cancellationToken);
        return new LightPredictions(
            LightTier.HashedNgrams,
            new Annotator(AnnotatorKind.LightModel, NgramAnnotatorId, head.Version),
            head.TrainingLabels,
            HeadLabels.Predictions(probabilities, map!, task.Labels));
    }

    public async Task<LightPredictions> PredictEmbeddingsAsync(
        string dataset, AnnotationTaskConfig task, string embedderId, ReadOnlyMemory<float> embeddings, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embedderId);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var (head, map, reason) = await CurrentAsync(dataset, task, LightTier.Embedding, embedderId, cancellationToken);
        if (head is null)
        {
            return NoHead(LightTier.Embedding, rows, reason!);
        }

        var probabilities = await headScorer.ProbabilitiesAsync(head, embeddings, rows, cancellationToken);
        return new LightPredictions(
            LightTier.Embedding,
            new Annotator(AnnotatorKind.LightModel, EmbeddingAnnotatorPrefix + embedderId, head.Version),
            head.TrainingLabels,
            HeadLabels.Predictions(probabilities, map!, task.Labels));
    }

    public async Task<LightTrainingOutcome> TrainAsync(
        string dataset, AnnotationTaskConfig task, IReadOnlyList<LightExample> examples, string? embedderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind == AnnotationKind.Score)
        {
            return new LightTrainingOutcome([]);
        }

        var outcomes = new List<LightHeadOutcome>();
        var texts = examples.Where(e => e.Text is not null).Select(e => new NgramExample(e.ItemId, e.Label, e.Text!)).ToList();
        if (texts.Count > 0)
        {
            outcomes.Add(await TrainTierAsync(dataset, task, LightTier.HashedNgrams, texts.Count, () => training.TrainNgramHeadAsync(dataset, task, texts, cancellationToken), cancellationToken));
        }

        var embedded = embedderId is null ? [] : examples.Where(e => !e.Embedding.IsEmpty).Select(e => new HeadExample(e.ItemId, e.Label, e.Embedding)).ToList();
        if (embedded.Count > 0)
        {
            outcomes.Add(await TrainTierAsync(dataset, task, LightTier.Embedding, embedded.Count, () => training.TrainEmbeddingHeadAsync(dataset, task, embedded, embedderId!, cancellationToken), cancellationToken));
        }

        return new LightTrainingOutcome(outcomes);
    }

    async Task<LightHeadOutcome> TrainTierAsync(
        string dataset, AnnotationTaskConfig task, LightTier tier, int labels, Func<Task<HeadTrainingResult>> train, CancellationToken cancellationToken)
    {
        try
        {
            var result = await train();
            var decision = result.Decision;
            _logger.LogInformation(
                "Light head {Dataset}/{Task}/{Tier}@{Version} ({Labels} labels, reused: {Reused}): {Promoted}, {Reason}",
                dataset, task.Name, tier, result.Head.Version, result.Head.TrainingLabels, result.Reused, decision.Promoted ? "current" : "not promoted", decision.Reason);
            return new LightHeadOutcome(
                tier, Trained: true, result.Head.Version, result.Reused, decision.Promoted,
                CurrentVersion: decision.Promoted ? result.Head.Version : decision.Current,
                result.Head.TrainingLabels, decision.CandidateMetrics.MacroF1, decision.CandidateMetrics.LogLoss,
                decision.CandidateMetrics.ExpectedCalibrationError, decision.Reason);
        }
        catch (NotEnoughLabelsException e)
        {
            var current = await store.ReadCurrentAsync(dataset, task.Name, tier, cancellationToken);
            return new LightHeadOutcome(tier, Trained: false, null, false, false, current?.Pointer.Version, labels, null, null, null, e.Message);
        }
    }

    /// <summary>The promoted head of a tier if it can answer for this task and these features; else why not.</summary>
    async Task<(HeadManifest? Head, int[]? Map, string? Reason)> CurrentAsync(
        string dataset, AnnotationTaskConfig task, LightTier tier, string features, CancellationToken cancellationToken)
    {
        if (task.Kind == AnnotationKind.Score)
        {
            return (null, null, $"task '{task.Name}' is a score task; light heads only classify");
        }

        var current = await store.ReadCurrentAsync(dataset, task.Name, tier, cancellationToken);
        if (current is null)
        {
            return (null, null, $"task '{task.Name}' has no promoted {Name(tier)} head yet");
        }

        var version = current.Value.Pointer.Version;
        var key = $"{dataset}/{task.Name}/{tier}/{version}";
        if (!_manifests.TryGetValue(key, out var head))
        {
            head = await store.FindAsync(dataset, task.Name, tier, version, cancellationToken)
                ?? throw new InvalidDataException($"The promoted {Name(tier)} head {version} of {dataset}/{task.Name} has no manifest.");
            _manifests.TryAdd(key, head);
        }

        if (head.Features != features)
        {
            return (null, null, $"the promoted {Name(tier)} head {version} reads '{head.Features}', not '{features}'");
        }

        var map = HeadLabels.Map(head.Labels, task.Labels);
        return map is null
            ? (null, null, $"the promoted {Name(tier)} head {version} was trained for labels {string.Join(", ", head.Labels)}; the task now has {string.Join(", ", task.Labels)}")
            : (head, map, null);
    }

    static LightPredictions NoHead(LightTier tier, int rows, string reason) =>
        new(tier, null, 0, new LabelPrediction?[rows], reason);

    static string Name(LightTier tier) => tier == LightTier.HashedNgrams ? "n-gram" : "embedding";
}

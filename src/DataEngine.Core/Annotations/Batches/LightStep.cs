using DataEngine.Core.Dedup;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// The cheap tiers for one batch: for every annotation task, the n-gram head labels every item; the embedding head
/// looks again at the items the n-gram head is unsure of (only those are embedded: the embedder is the slow part);
/// then the cascade decides per item, spending the batch's share of the run's budget on the least confident items.
/// Items already known to end as duplicates (<see cref="KnownDuplicates"/>) are left out: nothing is spent on them.
/// Writes the batch's annotation state blob; a retry that finds it does nothing twice.
/// </summary>
public sealed class LightStep(IBlobStore blobs, IRecordStore records, PipelineCache pipelines, ModelTiers models)
{
    public async Task<AnnotateCounts> RunAsync(string runId, string dataset, BatchShare share, CancellationToken cancellationToken = default)
    {
        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config;
        var target = RunPaths.Annotations(runId, share.BatchIndex);
        if (config.Annotations.Count == 0)
        {
            return AnnotateCounts.None;
        }

        if (await blobs.GetInfoAsync(target, cancellationToken) is not null)
        {
            return Count(await JsonLines.ReadAsync<TaskAnnotationState>(blobs, target, cancellationToken).ToListAsync(cancellationToken));
        }

        var duplicates = await KnownDuplicates.FindAsync(blobs, records, runId, dataset, share.BatchIndex, cancellationToken);
        var items = await JsonLines.ReadAsync<CuratedRecord>(blobs, RunPaths.Survivors(runId, share.BatchIndex), cancellationToken)
            .Where(i => !duplicates.Contains(i.Id))
            .ToListAsync(cancellationToken);
        var texts = items.Select(i => i.Text).ToList();
        var states = new List<TaskAnnotationState>(items.Count * config.Annotations.Count);
        foreach (var task in config.Annotations)
        {
            states.AddRange(await AnnotateTaskAsync(config, task, items, texts, share, cancellationToken));
        }

        await JsonLines.WriteAsync(blobs, target, states, cancellationToken);
        return Count(states);
    }

    async Task<IEnumerable<TaskAnnotationState>> AnnotateTaskAsync(
        PipelineConfig config, AnnotationTaskConfig task, List<CuratedRecord> items, List<string> texts, BatchShare share, CancellationToken cancellationToken)
    {
        var light = await PredictAsync(config.Dataset, task, texts, cancellationToken);
        var budget = new CascadeBudget(BudgetFor(config, task, share));
        var minLabels = task.Routing.MinTrainingLabels;

        // A head trained on too few labels is recorded but not trusted: the cascade sees no prediction for its items.
        var trusted = light.Select(l => l.Prediction is not null && l.TrainingLabels >= minLabels ? l.Prediction : null).ToList();
        var planned = items.Select((item, i) => (item.Id, trusted[i])).ToList();
        var review = ReviewPicks.For(task, planned, light.Select(l => (l.Prediction, l.Embedding)).ToList(), BudgetFor(config, task, share), Seed(share));
        var routes = CascadePlanner.Plan(task, task.Stage, planned, int.MaxValue, budget, review);
        return items.Select((item, i) => new TaskAnnotationState(
            item.Id,
            task.Name,
            light[i].Annotation,
            trusted[i]?.Probabilities,
            routes[i].Decision,
            Embedding: light[i].Embedding));
    }

    /// <summary>A seed fixed by the batch, so a retried step picks the same items for review.</summary>
    static int Seed(BatchShare share) => share.BatchIndex * 7919 + 17;

    /// <summary>The batch's share of the task's run budget (<see cref="BatchShare.For"/>).</summary>
    BudgetConfig BudgetFor(PipelineConfig config, AnnotationTaskConfig task, BatchShare share) => share.For(config, task, models.Foundation is not null);

    sealed record LightAnswer(LabelPrediction? Prediction, int TrainingLabels, Annotation? Annotation, IReadOnlyList<float>? Embedding);

    async Task<List<LightAnswer>> PredictAsync(string dataset, AnnotationTaskConfig task, List<string> texts, CancellationToken cancellationToken)
    {
        var answers = Enumerable.Repeat(new LightAnswer(null, 0, null, null), texts.Count).ToList();
        if (models.Light is not { } light || task.Kind == AnnotationKind.Score || texts.Count == 0)
        {
            return answers;
        }

        var ngrams = await light.PredictTextsAsync(dataset, task, texts, cancellationToken);
        for (var i = 0; i < texts.Count; i++)
        {
            answers[i] = Answer(task, ngrams, i, embedding: null);
        }

        var threshold = CascadeRouter.AcceptThreshold(task.Routing, task.Stage);
        var unsure = Enumerable.Range(0, texts.Count)
            .Where(i => answers[i].Prediction is not { } p || p.Confidence < threshold || answers[i].TrainingLabels < task.Routing.MinTrainingLabels)
            .ToList();
        if (models.Embedder is not { } embedder || unsure.Count == 0)
        {
            return answers;
        }

        // Embedding is the slow part. Without a foundation tier the vectors only serve the embedding head, so when the
        // first one finds no head for the task, the rest are not computed.
        if (models.Foundation is null && !await HasEmbeddingHeadAsync(light, embedder, dataset, task, texts[unsure[0]], cancellationToken))
        {
            return answers;
        }

        var vectors = new float[unsure.Count * embedder.Dimensions];
        embedder.Embed([.. unsure.Select(i => texts[i])], vectors, cancellationToken);
        var heads = await light.PredictEmbeddingsAsync(dataset, task, embedder.ModelId, vectors, unsure.Count, cancellationToken);
        for (var row = 0; row < unsure.Count; row++)
        {
            var embedding = vectors.AsSpan(row * embedder.Dimensions, embedder.Dimensions).ToArray();
            var i = unsure[row];
            answers[i] = heads.By is null || heads.Predictions[row] is null
                ? answers[i] with { Embedding = embedding }
                : Answer(task, heads, row, embedding);
        }

        return answers;
    }

    static async Task<bool> HasEmbeddingHeadAsync(
        ILightAnnotator light, ITextEmbedder embedder, string dataset, AnnotationTaskConfig task, string text, CancellationToken cancellationToken)
    {
        var vector = new float[embedder.Dimensions];
        embedder.Embed([text], vector, cancellationToken);
        return (await light.PredictEmbeddingsAsync(dataset, task, embedder.ModelId, vector, 1, cancellationToken)).By is not null;
    }

    static LightAnswer Answer(AnnotationTaskConfig task, LightPredictions head, int row, IReadOnlyList<float>? embedding)
    {
        if (head.By is not { } by || head.Predictions[row] is not { } prediction)
        {
            return new LightAnswer(null, 0, null, embedding);
        }

        var annotation = new Annotation(task.Name, prediction.Label, null, prediction.Confidence, by,
            Reason: head.TrainingLabels < task.Routing.MinTrainingLabels
                ? $"{head.Tier} head trained on {head.TrainingLabels} < {task.Routing.MinTrainingLabels} labels: not trusted yet"
                : null);
        return new LightAnswer(prediction, head.TrainingLabels, annotation, embedding);
    }

    static AnnotateCounts Count(IReadOnlyCollection<TaskAnnotationState> states) => new(
        states.Count,
        states.Count(s => s.LightRoute.Route == Route.Foundation),
        states.Count(s => s.Decision.Route == Route.Human));
}

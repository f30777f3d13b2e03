using DataEngine.Core.Pipeline;
using DataEngine.Models.Heads;

namespace DataEngine.Cli.Bench;

sealed partial class ActiveLearningBench
{
    /// <summary>
    /// `--features embedding`: MiniLM embeddings of every item (cached across runs), a logistic head on all the labelled
    /// embeddings each round, and k-center on the same embeddings.
    /// </summary>
    (Data Data, Dictionary<string, object?> Features) PrepareEmbedding(
        AnnotationTaskConfig task, List<ModelBench.LabelledItem> poolItems, List<ModelBench.LabelledItem> testItems, HeadOptions heads, CancellationToken cancellationToken)
    {
        var all = poolItems.Concat(testItems).ToList();
        var embeddings = ActiveLearningBenchEmbeddings.Load(all.Select(i => i.Text).ToList(), options.MaxTokens, cancellationToken);
        var labels = task.Labels.ToList();
        var rows = all.Select((item, i) => new Row(
            item.Id, item.Text, labels.IndexOf(item.Label), [], [], embeddings.Vectors.AsSpan(i * embeddings.Dimensions, embeddings.Dimensions).ToArray())).ToArray();
        var classes = labels.Count;
        var data = new Data(task, rows[..poolItems.Count], rows[poolItems.Count..], (pool, labelled) =>
            ActiveLearningBenchLogistic.Fit(labelled.Select(i => pool[i].Vector).ToList(), labelled.Select(i => pool[i].Label).ToList(), classes, options.L2 ?? heads.EmbeddingL2) is { } head
                ? new Head(scored => head.Probabilities(scored.Select(r => r.Vector).ToList()))
                : null);
        var features = new Dictionary<string, object?>
        {
            ["kind"] = "embedding",
            ["embedder"] = embeddings.ModelId,
            ["maxTokens"] = embeddings.MaxTokens,
            ["dimensions"] = embeddings.Dimensions,
            ["embeddingCache"] = embeddings.CachePath,
            ["embeddingCacheUsed"] = embeddings.FromCache,
            ["embeddingSeconds"] = Stats.Round(embeddings.Seconds, 1),
            ["head"] = $"ML.NET L-BFGS logistic regression on the embeddings (no L1, L2 {options.L2 ?? heads.EmbeddingL2}, {(options.L2 is null ? "as the engine's embedding head" : "from --l2")}), " +
                "fitted on every labelled item each round: no split of its own, the test half is the held-out set; uncalibrated probabilities",
            ["diversity"] = "k-center on the same MiniLM embeddings (cosine distance)",
        };
        return (data, features);
    }
}

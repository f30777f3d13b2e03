using System.Globalization;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>Where a run keeps its blobs. One place, so writers and readers never disagree on a name.</summary>
public static class RunPaths
{
    public static BlobRef Pipeline(string runId) => new(Containers.Work, $"{runId}/pipeline.json");

    public static BlobRef Plan(string runId, int batch) => new(Containers.Work, $"{runId}/plan/{Batch(batch)}.jsonl");

    /// <summary>The decompressed copy of a compressed raw source (<c>mail/corpus.jsonl.gz</c> → <c>…/staged/mail/corpus.jsonl</c>).</summary>
    public static BlobRef Staged(string runId, string source) => new(Containers.Work, $"{runId}/staged/{Readers.Compression.InnerName(source)}");

    public static BlobRef Outcomes(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.outcomes.jsonl");

    public static BlobRef Survivors(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.survivors.jsonl");

    /// <summary>A batch's annotation state: per item and task, each tier's answer and the cascade's decisions.</summary>
    public static BlobRef Annotations(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.annotations.jsonl");

    /// <summary>Written once a batch's review assignments have all been delivered, so a retried step does not deliver them again.</summary>
    public static BlobRef ReviewsDelivered(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.reviews-delivered");

    /// <summary>Labels gathered for a dataset's task by the expensive tiers in one batch: the light heads' training set.</summary>
    public static BlobRef TrainingExamples(string dataset, string task, string runId, int batch) =>
        new(Containers.Work, $"{TrainingPrefix(dataset, task)}{runId}/{Batch(batch)}.jsonl");

    /// <summary>Labels reviewers gave in one batch: after the foundation examples of the batch in name order, so they win in distillation.</summary>
    public static BlobRef ReviewedExamples(string dataset, string task, string runId, int batch) =>
        new(Containers.Work, $"{TrainingPrefix(dataset, task)}{runId}/{Batch(batch)}.reviews.jsonl");

    public static string TrainingPrefix(string dataset, string task) => $"training/{dataset}/{task}/";

    /// <summary>The curated labels of a batch's accepted items, beside the curated items.</summary>
    public static BlobRef CuratedLabels(string runId, int batch) => new(Containers.Curated, $"{runId}/labels/part-{Batch(batch)}.jsonl");

    public static BlobRef CuratedPart(string runId, int batch) => new(Containers.Curated, $"{runId}/curated/part-{Batch(batch)}.jsonl");

    public static string CuratedPrefix(string runId) => $"{runId}/";

    public static BlobRef Report(string runId) => new(Containers.Curated, $"{runId}/report.json");

    static string Batch(int batch) => batch.ToString("D5", CultureInfo.InvariantCulture);
}

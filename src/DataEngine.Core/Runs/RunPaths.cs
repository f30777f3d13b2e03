using System.Globalization;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>Where a run keeps its blobs. One place, so writers and readers never disagree on a name.</summary>
public static class RunPaths
{
    public static BlobRef Pipeline(string runId) => new(Containers.Work, $"{runId}/pipeline.json");

    public static BlobRef Plan(string runId, int batch) => new(Containers.Work, $"{runId}/plan/{Batch(batch)}.jsonl");

    public static BlobRef Outcomes(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.outcomes.jsonl");

    public static BlobRef Survivors(string runId, int batch) => new(Containers.Work, $"{runId}/batches/{Batch(batch)}.survivors.jsonl");

    public static BlobRef CuratedPart(string runId, int batch) => new(Containers.Curated, $"{runId}/curated/part-{Batch(batch)}.jsonl");

    public static string CuratedPrefix(string runId) => $"{runId}/";

    public static BlobRef Report(string runId) => new(Containers.Curated, $"{runId}/report.json");

    static string Batch(int batch) => batch.ToString("D5", CultureInfo.InvariantCulture);
}

using System.Text.Json.Serialization;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Records;

/// <summary>A <see cref="RunRecord"/> as stored in the runs container: the document <c>"run"</c> in the run's own partition.</summary>
sealed record RunDocument(
    string Id,
    string Type,
    string RunId,
    string Dataset,
    string Input,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? ReportBlob)
{
    public const string DocumentId = "run";
    public const string Kind = "run";

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static RunDocument From(RunRecord run) =>
        new(DocumentId, Kind, run.RunId, run.Dataset, run.Input, run.Status, run.StartedAt, run.CompletedAt, run.ReportBlob);

    public RunRecord ToRecord(string? etag) => new(RunId, Dataset, Input, Status, StartedAt, CompletedAt, ReportBlob, etag ?? ETag);
}

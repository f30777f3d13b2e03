using System.Text.Json;
using System.Text.Json.Serialization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Records;

/// <summary>
/// An <see cref="AnnotationRecord"/> as stored in the annotations container, under the hierarchical key
/// (dataset, task, id), flat so every filtered or sorted property is a top-level path. The id is the record's whole
/// key (<see cref="CosmosIds.Annotation"/>), so a rewrite replaces it.
/// </summary>
/// <param name="KindRank">The annotator tier as its number, cheapest first: the listings sort by it, as the kind's
/// word sorts alphabetically, not by tier.</param>
/// <param name="Cost">Money as exact decimal text: Cosmos DB keeps JSON numbers as doubles, which would round it.</param>
sealed record AnnotationDocument(
    string Id,
    string Dataset,
    string Task,
    string RunId,
    string ItemId,
    AnnotatorKind Kind,
    int KindRank,
    string AnnotatorId,
    string? AnnotatorVersion,
    string? Label,
    double? Score,
    double Confidence,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal Cost,
    int InputTokens,
    int OutputTokens,
    double LatencyMs,
    string? Reason,
    bool LowTrust,
    bool Failed,
    Route Route,
    bool Final,
    DateTimeOffset CreatedAt,
    double SampleKey)
{
    public static AnnotationDocument From(AnnotationRecord record)
    {
        var (a, by) = (record.Annotation, record.Annotation.By);
        return new(
            CosmosIds.Annotation(record.RunId, record.ItemId, a.Task, KindWord(by.Kind), by.Id), record.Dataset, a.Task, record.RunId,
            record.ItemId, by.Kind, (int)by.Kind, by.Id, by.Version, a.Label, a.Score, a.Confidence, a.Cost, a.InputTokens, a.OutputTokens,
            a.LatencyMs, a.Reason, a.LowTrust, a.Failed, record.Route, record.Final, record.CreatedAt, record.SampleKey);
    }

    /// <summary>The kind as the documents spell it (<c>foundationModel</c>), in the id as in the <c>kind</c> property.</summary>
    static string KindWord(AnnotatorKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public AnnotationRecord ToRecord() => new(
        RunId, ItemId, Dataset,
        new Annotation(Task, Label, Score, Confidence, new Annotator(Kind, AnnotatorId, AnnotatorVersion), Cost, InputTokens, OutputTokens, LatencyMs, Reason, LowTrust, Failed),
        Route, Final, CreatedAt);
}

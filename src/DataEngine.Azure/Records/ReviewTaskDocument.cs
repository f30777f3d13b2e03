using System.Text.Json.Serialization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Reviews;

namespace DataEngine.Azure.Records;

/// <summary>A <see cref="ReviewTask"/> as stored in the review tasks container, its own logical partition (key <c>/id</c> = the task id).</summary>
sealed record ReviewTaskDocument(
    string Id,
    string Dataset,
    string RunId,
    string ItemId,
    string Task,
    IReadOnlyList<ReviewTaskDocument.Proposal> Proposals,
    DateTimeOffset CreatedAt,
    DateTimeOffset Deadline,
    int Overlap,
    string? Text,
    IReadOnlyList<string>? Labels,
    string? Instructions,
    string? Waiter)
{
    public static ReviewTaskDocument From(ReviewTask task) => new(
        task.TaskId, task.Dataset, task.RunId, task.ItemId, task.Task, [.. task.Proposals.Select(Proposal.From)], task.CreatedAt, task.Deadline, task.Overlap,
        task.Text, task.Labels, task.Instructions, task.Waiter);

    // A document written before these fields existed reads them as absent: empty text and instructions, no labels, no waiter.
    public ReviewTask ToRecord() => new(
        Id, Dataset, RunId, ItemId, Task, [.. Proposals.Select(p => p.ToAnnotation())], CreatedAt, Deadline, Overlap,
        Text ?? "", Labels, Instructions ?? "", Waiter);

    /// <summary>One model's proposal, flat like <see cref="AnnotationDocument"/>.</summary>
    /// <param name="Cost">Money as exact decimal text: Cosmos DB keeps JSON numbers as doubles, which would round it.</param>
    public sealed record Proposal(
        string Task,
        string? Label,
        double? Score,
        double Confidence,
        AnnotatorKind Kind,
        string AnnotatorId,
        string? AnnotatorVersion,
        [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal Cost,
        int InputTokens,
        int OutputTokens,
        double LatencyMs,
        string? Reason,
        bool LowTrust,
        bool Failed)
    {
        public static Proposal From(Annotation a) => new(
            a.Task, a.Label, a.Score, a.Confidence, a.By.Kind, a.By.Id, a.By.Version, a.Cost, a.InputTokens, a.OutputTokens, a.LatencyMs, a.Reason,
            a.LowTrust, a.Failed);

        public Annotation ToAnnotation() => new(
            Task, Label, Score, Confidence, new Annotator(Kind, AnnotatorId, AnnotatorVersion), Cost, InputTokens, OutputTokens, LatencyMs, Reason,
            LowTrust, Failed);
    }
}

using System.Text.Json.Serialization;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// A <see cref="ReviewAssignment"/> as stored in the review assignments container, under the hierarchical key
/// (reviewer, id). <see cref="AssignedKey"/> is the queue's sort key (<see cref="ReviewKeys.SortKey"/>): the ISO time
/// with its offset does not sort as text.
/// </summary>
sealed record ReviewAssignmentDocument(
    string Id,
    string TaskId,
    string Dataset,
    string RunId,
    string Reviewer,
    ReviewAssignmentState State,
    DateTimeOffset AssignedAt,
    string AssignedKey,
    ReviewAnswer? Answer)
{
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public PartitionKey Key() => KeyOf(Reviewer, Id);

    public static PartitionKey KeyOf(string reviewer, string id) => new PartitionKeyBuilder().Add(reviewer).Add(id).Build();

    public static ReviewAssignmentDocument From(ReviewAssignment a) => new(
        a.AssignmentId, a.TaskId, a.Dataset, a.RunId, a.Reviewer, a.State, a.AssignedAt, ReviewKeys.SortKey(a.AssignedAt), a.Answer);

    public ReviewAssignment ToRecord(string? etag = null) =>
        new(Id, TaskId, Dataset, RunId, Reviewer, State, AssignedAt, Answer, etag ?? ETag);
}

using System.Text.Json.Serialization;

namespace DataEngine.Azure.Records;

/// <summary>Who owns a dedup key within a dataset: one document per (dataset, key) in the claims container.</summary>
sealed record ClaimDocument(string Id, string Dataset, string Key, string RunId, string ItemId, long Ordinal)
{
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }
}

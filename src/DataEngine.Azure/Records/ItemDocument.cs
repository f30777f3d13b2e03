using System.Text.Json.Serialization;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Records;

/// <summary>
/// An <see cref="ItemRecord"/> as stored in the items container, under the hierarchical key (dataset, runId, id).
/// The id joins run and item ids because the emulator (and any single-level reading of the key) tells documents
/// apart by the first key level and the id only: two runs of one dataset share item ids.
/// </summary>
sealed record ItemDocument(
    string Id,
    string Dataset,
    string RunId,
    string ItemId,
    string Source,
    long Position,
    long Ordinal,
    ItemState State,
    string? Rule,
    double? RuleValue,
    string? Reason,
    string? DedupKey,
    string? DuplicateOf,
    double SampleKey)
{
    /// <summary>The version the server gave the document; read only, never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }

    public static ItemDocument From(ItemRecord item) => new(
        CosmosIds.Item(item.RunId, item.ItemId), item.Dataset, item.RunId, item.ItemId, item.Source, item.Position, item.Ordinal,
        item.State, item.Rule, item.RuleValue, item.Reason, item.DedupKey, item.DuplicateOf, item.SampleKey);

    public ItemRecord ToRecord() =>
        new(RunId, ItemId, Dataset, Source, Position, Ordinal, State, Rule, RuleValue, Reason, DedupKey, DuplicateOf);
}

using System.Text.Json.Serialization;

namespace DataEngine.Azure.Records;

/// <summary>A used review-link nonce in the review links container, its own logical partition (key <c>/id</c>).</summary>
/// <param name="Id">The nonce, made a valid document id (<see cref="CosmosReviewTokenLedger.IdOf"/>).</param>
/// <param name="ExpiresAt">When the link expires, as a sortable UTC key, for a person looking at the container.</param>
/// <param name="Ttl">Seconds until Cosmos DB deletes the document (the container enables per-item TTL with no default).</param>
sealed record ReviewLinkDocument(
    string Id,
    string ExpiresAt,
    [property: JsonPropertyName("ttl")] int Ttl);

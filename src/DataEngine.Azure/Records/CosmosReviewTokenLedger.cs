using System.Net;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// The review-link ledger on Azure Cosmos DB: one document per used nonce in the record store's database, in the container
/// <see cref="CosmosRecordsOptions.ReviewLinksContainer"/> (default <c>reviewLinks</c>), keyed <c>/id</c>. A nonce is
/// consumed by a create, never an upsert: the first create succeeds and every later one, from any host, gets 409 Conflict,
/// so the server's uniqueness of ids decides, not a read before the write.
/// </summary>
/// <remarks>
/// The container, opened like the store's others by <see cref="RecordContainers"/>, enables per-item TTL with no default
/// (<c>DefaultTimeToLive = -1</c>), and each document lives until <see cref="InMemoryReviewTokenLedger.RetentionAfterExpiry"/>
/// past its link's expiry: Cosmos DB then deletes it at no RU cost, and an expired link is refused before the ledger is
/// asked. The local emulator (@vercel/cosmosdb-server) keeps the <c>ttl</c> property but never expires anything, so there
/// documents stay.
/// </remarks>
public sealed class CosmosReviewTokenLedger : IReviewTokenLedger
{
    readonly RecordContainers _containers;
    readonly TimeProvider _time;

    /// <param name="client">A client from <see cref="CosmosRecordsClient.Create"/>.</param>
    /// <param name="options">The record store's options: its database and container names, and whether missing containers are created.</param>
    /// <param name="time">The clock each document's time to live is counted from.</param>
    public CosmosReviewTokenLedger(CosmosClient client, CosmosRecordsOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _containers = new RecordContainers(client, options);
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var container = (await _containers.GetAsync(cancellationToken)).ReviewLinks;
        var document = new ReviewLinkDocument(IdOf(nonce), ReviewKeys.SortKey(expiresAt), TtlSeconds(expiresAt));
        var body = RecordSize.Serialize(document, $"review link {document.Id}", nameof(nonce));
        using var response = await container.CreateItemStreamAsync(
            new MemoryStream(body, writable: false), new PartitionKey(document.Id), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// The nonce as a document id. Signed links carry base64url nonces, which are valid ids as they are; anything else is
    /// escaped, and hashed when still too long, so that no nonce is refused and two nonces never share an id.
    /// </summary>
    internal static string IdOf(string nonce)
    {
        var id = CosmosIds.Escape(nonce);
        return id.Length <= CosmosIds.MaxLength ? id : "%h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));
    }

    /// <summary>Seconds from now until the nonce may be forgotten; at least 1, as Cosmos DB refuses a ttl of 0.</summary>
    int TtlSeconds(DateTimeOffset expiresAt)
    {
        var keep = expiresAt + InMemoryReviewTokenLedger.RetentionAfterExpiry - _time.GetUtcNow();
        return (int)Math.Clamp(Math.Ceiling(keep.TotalSeconds), 1, int.MaxValue);
    }
}

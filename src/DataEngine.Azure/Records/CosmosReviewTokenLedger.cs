using System.Net;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>
/// The review-link ledger on Azure Cosmos DB: one document per used nonce in the <c>reviewLinks</c> container of the record
/// store's database, keyed <c>/id</c>. A nonce is consumed by a create, never an upsert: the first create succeeds and every
/// later one, from any host, gets 409 Conflict, so the server's uniqueness of ids decides, not a read before the write.
/// </summary>
/// <remarks>
/// The container enables per-item TTL with no default (<c>DefaultTimeToLive = -1</c>), and each document lives until
/// <see cref="InMemoryReviewTokenLedger.RetentionAfterExpiry"/> past its link's expiry: Cosmos DB then deletes it at no RU
/// cost, and an expired link is refused before the ledger is asked. The local emulator (@vercel/cosmosdb-server) keeps
/// the <c>ttl</c> property but never expires anything, so there documents stay.
/// </remarks>
public sealed class CosmosReviewTokenLedger : IReviewTokenLedger
{
    /// <summary>The container's name in the record store's database.</summary>
    public const string ContainerName = "reviewLinks";

    readonly CosmosClient _client;
    readonly CosmosRecordsOptions _options;
    readonly TimeProvider _time;
    readonly SemaphoreSlim _gate = new(1, 1);
    volatile Container? _container;

    /// <param name="client">A client from <see cref="CosmosRecordsClient.Create"/>.</param>
    /// <param name="options">The record store's options: its database, and whether missing containers are created.</param>
    /// <param name="time">The clock each document's time to live is counted from.</param>
    public CosmosReviewTokenLedger(CosmosClient client, CosmosRecordsOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var container = await GetContainerAsync(cancellationToken);
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

    /// <summary>The container, created (when missing and allowed) once; a failed attempt is not remembered, so the next call tries again.</summary>
    async ValueTask<Container> GetContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _container ??= await OpenAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<Container> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateIfMissing)
        {
            return _client.GetContainer(_options.DatabaseName, ContainerName);
        }

        try
        {
            Database database = await _client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: cancellationToken);
            var properties = new ContainerProperties(ContainerName, "/id")
            {
                // -1: TTL on, no default; each document sets its own ttl.
                DefaultTimeToLive = -1,
                IndexingPolicy = new IndexingPolicy
                {
                    // Only point creates happen here: index nothing but what a person might query by hand.
                    IncludedPaths = { new IncludedPath { Path = "/expiresAt/?" } },
                    ExcludedPaths = { new ExcludedPath { Path = "/*" } },
                },
            };
            return (await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken)).Container;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"Cosmos container '{ContainerName}' in database '{_options.DatabaseName}' is missing and this identity may not create it " +
                "(data-plane roles cannot): create it with the infrastructure templates, or set CreateIfMissing to false once it exists.", ex);
        }
    }
}

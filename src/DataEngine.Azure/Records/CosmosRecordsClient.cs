using System.Data.Common;
using System.Net;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>Builds the <see cref="CosmosClient"/> the record store needs: System.Text.Json serializer, retry limits, and emulator settings on loopback.</summary>
public static class CosmosRecordsClient
{
    /// <summary>
    /// A client for <paramref name="options"/>: key auth from the connection string, or the account endpoint with
    /// <paramref name="credential"/> (required then). A loopback endpoint is taken for an emulator: Gateway mode, no
    /// discovery of other regions' endpoints, and its self-signed certificate accepted (for loopback only).
    /// </summary>
    public static CosmosClient Create(CosmosRecordsOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.AccountEndpoint ?? EndpointOf(options.ConnectionString
            ?? throw new ArgumentException($"Set {nameof(options.ConnectionString)} or {nameof(options.AccountEndpoint)}.", nameof(options)));
        var clientOptions = ClientOptions(options, IsLoopback(endpoint));
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new CosmosClient(options.ConnectionString, clientOptions);
        }

        return new CosmosClient(endpoint.ToString(), credential ?? throw new ArgumentNullException(nameof(credential), "An account endpoint needs a token credential."), clientOptions);
    }

    internal static CosmosClientOptions ClientOptions(CosmosRecordsOptions options, bool emulator)
    {
        var clientOptions = new CosmosClientOptions
        {
            Serializer = SystemTextJsonCosmosSerializer.ForRecords,

            // Throttling: the SDK waits out each 429 as the server asks (x-ms-retry-after-ms), up to these limits; past
            // them the 429 surfaces as a CosmosException, the activity fails, and the durable retry policy runs the
            // (idempotent) step again later.
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTimeOnRateLimitedRequests,
            RequestTimeout = options.RequestTimeout,

            // Every write names its document by a deterministic id and reads its own results only through ETags, so the
            // server need not echo bodies back: less bandwidth and CPU per upsert.
            EnableContentResponseOnWrite = false,
        };
        if (emulator)
        {
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
            clientOptions.ServerCertificateCustomValidationCallback = (_, _, _) => true; // loopback only: see IsLoopback
        }

        return clientOptions;
    }

    internal static Uri EndpointOf(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.TryGetValue("AccountEndpoint", out var value) && Uri.TryCreate(value as string, UriKind.Absolute, out var endpoint)
            ? endpoint
            : throw new ArgumentException("The Cosmos connection string has no valid AccountEndpoint.", nameof(connectionString));
    }

    internal static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Azure.Core;
using Azure.Storage.Blobs;

namespace DataEngine.Azure.Blobs;

/// <summary>How the Azure blob store connects and retries; bound from <c>DataEngine:Storage</c> and validated at start-up.</summary>
public sealed class AzureBlobStorageOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "DataEngine:Storage";

    /// <summary>A storage connection string ("UseDevelopmentStorage=true" for Azurite). Falls back to <c>AzureWebJobsStorage</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, used with managed identity when there is no connection string. Falls back to <c>AzureWebJobsStorage:blobServiceUri</c>.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; null for the system-assigned one (or developer credentials).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Retries of a failed call (408, 429, 500, 502, 503, 504, network errors) before it fails.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first back-off delay; it doubles on each retry (with jitter), unless the service's Retry-After says otherwise.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one try may wait on the network (for response headers, or for each read of a body) before it is retried.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Size of the blocks large writes are staged in.</summary>
    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Blocks of one write uploading at once; a writer holds one more block buffer than this.</summary>
    [Range(1, 16)]
    public int BlockUploadsInFlight { get; set; } = 2;

    /// <summary>Blobs asked for per listing page (the service returns at most 5,000).</summary>
    [Range(1, 5000)]
    public int ListPageSize { get; set; } = 5000;

    /// <summary>Sets the retry policy these options describe on the SDK's client options.</summary>
    public void ApplyTo(BlobClientOptions clientOptions)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = MaxRetries;
        clientOptions.Retry.Delay = RetryDelay;
        clientOptions.Retry.MaxDelay = MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = NetworkTimeout;
    }

    /// <summary>The retry settings in words, for error messages.</summary>
    internal string RetrySummary => string.Create(CultureInfo.InvariantCulture,
        $"{MaxRetries} retries with exponential back-off from {RetryDelay.TotalSeconds:0.###} s to {MaxRetryDelay.TotalSeconds:0.###} s, " +
        $"{NetworkTimeout.TotalSeconds:0.###} s network timeout per try ({Section}:MaxRetries, RetryDelay, MaxRetryDelay, NetworkTimeout)");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && BlobEndpoint is null)
        {
            yield return new ValidationResult(
                $"No blob storage is configured. Set {Section}:ConnectionString (or AzureWebJobsStorage) to a connection string " +
                $"(\"UseDevelopmentStorage=true\" for Azurite), or set {Section}:BlobEndpoint (or AzureWebJobsStorage:blobServiceUri) to the " +
                "account's blob endpoint, https://<account>.blob.core.windows.net, to connect with managed identity. " +
                "As environment variables: DataEngine__Storage__ConnectionString or DataEngine__Storage__BlobEndpoint.",
                [nameof(ConnectionString), nameof(BlobEndpoint)]);
        }

        if (BlobEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")))
        {
            yield return new ValidationResult(
                $"{Section}:BlobEndpoint '{endpoint}' is not an absolute http(s) URI such as https://<account>.blob.core.windows.net.", [nameof(BlobEndpoint)]);
        }

        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            yield return new ValidationResult(
                $"{Section}:RetryDelay ({RetryDelay}) must be positive and no longer than {Section}:MaxRetryDelay ({MaxRetryDelay}).",
                [nameof(RetryDelay), nameof(MaxRetryDelay)]);
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:NetworkTimeout ({NetworkTimeout}) must be positive.", [nameof(NetworkTimeout)]);
        }
    }
}

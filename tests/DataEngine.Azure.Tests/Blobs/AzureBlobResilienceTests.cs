using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using DataEngine.Azure.Blobs;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>Throttling, failures and timeouts, against a scripted stand-in for the service: retried by the SDK, then a clear error.</summary>
public sealed class AzureBlobResilienceTests
{
    static readonly BlobRef Blob = new(Containers.Work, "run-1/plan/00000.jsonl");

    static AzureBlobStore Store(BlobFaultHandler handler, int maxRetries = 2) => Store(handler, new AzureBlobStorageOptions
    {
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        NetworkTimeout = TimeSpan.FromMilliseconds(300),
    });

    static AzureBlobStore Store(BlobFaultHandler handler, AzureBlobStorageOptions options)
    {
        var clientOptions = new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.ApplyTo(clientOptions);
        return new AzureBlobStore(new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), clientOptions), Options.Create(options));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_throttled_or_failed_call_is_retried_and_succeeds_when_the_service_recovers(HttpStatusCode status)
    {
        var handler = new BlobFaultHandler((_, attempt) => attempt <= 2 ? status : HttpStatusCode.NotFound);

        var info = await Store(handler).GetInfoAsync(Blob);

        Assert.Null(info); // the third try got the real answer: no such blob
        Assert.Equal(3, handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "throttling or busy (503 ServerBusy)")]
    [InlineData(HttpStatusCode.TooManyRequests, "throttling or busy (429 TooManyRequests)")]
    public async Task A_call_still_throttled_after_every_retry_fails_with_a_clear_error(HttpStatusCode status, string said)
    {
        var handler = new BlobFaultHandler((_, _) => status);

        var failure = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => Store(handler).OpenReadAsync(Blob));

        Assert.Equal(3, handler.Count);
        Assert.Equal((int)status, failure.Status);
        Assert.Equal(Blob, failure.Blob);
        Assert.Contains($"'{Blob}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains(said, failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 retries with exponential back-off", failure.Message, StringComparison.Ordinal);
        Assert.Contains("DataEngine:Storage:MaxRetries", failure.Message, StringComparison.Ordinal);
        Assert.IsNotAssignableFrom<IOException>(failure); // not mistaken by readers for a source that changed
    }

    [Fact]
    public async Task A_call_that_times_out_on_every_try_fails_with_a_clear_error_not_a_cancellation()
    {
        var handler = new BlobFaultHandler((_, _) => BlobFaultHandler.Hang);

        var failure = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => Store(handler, maxRetries: 1).GetInfoAsync(Blob));

        Assert.Equal(2, handler.Count);
        Assert.Null(failure.Status);
        Assert.Contains("did not answer within the network timeout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s network timeout per try", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_cancelled_by_its_caller_is_a_cancellation_not_an_outage()
    {
        var handler = new BlobFaultHandler((_, _) => BlobFaultHandler.Hang);
        var store = Store(handler, new AzureBlobStorageOptions { NetworkTimeout = TimeSpan.FromMinutes(5) });
        using var cancel = new CancellationTokenSource();

        var call = store.GetInfoAsync(Blob, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_write_whose_block_upload_stays_throttled_fails_clearly_and_never_commits()
    {
        // The container exists; staging blocks is throttled for good.
        var handler = new BlobFaultHandler((request, _) => request.RequestUri!.Query switch
        {
            var q when q.Contains("restype=container", StringComparison.Ordinal) => HttpStatusCode.Created,
            var q when q.Contains("comp=block&", StringComparison.Ordinal) => HttpStatusCode.ServiceUnavailable,
            _ => HttpStatusCode.Created,
        });
        var store = Store(handler, new AzureBlobStorageOptions
        {
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            BlockSizeBytes = 64 * 1024,
        });

        var failure = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.WriteAsync(Blob, new byte[300 * 1024]));

        Assert.Contains("could not upload a block of", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Requests, r => r.Contains("comp=blocklist", StringComparison.Ordinal));
        Assert.DoesNotContain(handler.Requests, r => r.StartsWith("PUT", StringComparison.Ordinal) && !r.Contains("comp=", StringComparison.Ordinal) && !r.Contains("restype=", StringComparison.Ordinal));
    }
}

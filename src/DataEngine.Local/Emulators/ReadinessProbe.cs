using System.Net;

namespace DataEngine.Local.Emulators;

/// <summary>Asks each emulator over HTTP whether it serves requests yet.</summary>
sealed class ReadinessProbe : IDisposable
{
    readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // Loopback only: a proxy from the environment must not see these requests.
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.Zero,
        // The Cosmos DB server's certificate is self-signed, for localhost.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Blob, Queue and Table each answer (an anonymous request is refused, which still proves it serves).</summary>
    public async Task<bool> AzuriteReadyAsync(EmulatorEndpoints endpoints, CancellationToken ct) =>
        await AnswersAsync(new Uri(endpoints.BlobEndpoint + "?comp=list"), anyStatus: true, ct) &&
        await AnswersAsync(new Uri(endpoints.QueueEndpoint + "?comp=list"), anyStatus: true, ct) &&
        await AnswersAsync(new Uri(endpoints.TableEndpoint + "/Tables"), anyStatus: true, ct);

    /// <summary>The account document, which the SDK reads first.</summary>
    public Task<bool> CosmosReadyAsync(EmulatorEndpoints endpoints, CancellationToken ct) =>
        AnswersAsync(endpoints.CosmosEndpoint, anyStatus: false, ct);

    async Task<bool> AnswersAsync(Uri uri, bool anyStatus, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(uri, ct);
            return anyStatus ? response.StatusCode != HttpStatusCode.ServiceUnavailable : response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}

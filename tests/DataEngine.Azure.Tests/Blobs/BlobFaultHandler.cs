using System.Collections.Concurrent;
using System.Net;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>
/// Stands in for the blob service: answers each request from a script (a status, or a hang), so tests can throttle,
/// fail or stall the SDK and see what the store makes of it. Unscripted requests get 404 BlobNotFound.
/// </summary>
sealed class BlobFaultHandler(Func<HttpRequestMessage, int, HttpStatusCode?> script) : HttpMessageHandler
{
    /// <summary>A script status that means: never answer (until the request is cancelled).</summary>
    public const HttpStatusCode Hang = (HttpStatusCode)999;

    int _count;

    public ConcurrentQueue<string> Requests { get; } = new();

    public int Count => _count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _count);
        Requests.Enqueue($"{request.Method} {request.RequestUri?.PathAndQuery}");
        var status = script(request, attempt) ?? HttpStatusCode.NotFound;
        if (status == Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent([]) };
        var code = status switch
        {
            HttpStatusCode.NotFound => "BlobNotFound",
            HttpStatusCode.ServiceUnavailable => "ServerBusy",
            HttpStatusCode.TooManyRequests => "TooManyRequests",
            HttpStatusCode.InternalServerError => "InternalError",
            _ => null,
        };
        if (code is not null)
        {
            response.Headers.Add("x-ms-error-code", code);
        }

        if (status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x1\"");
            response.Content.Headers.LastModified = DateTimeOffset.UtcNow;
        }

        return response;
    }
}

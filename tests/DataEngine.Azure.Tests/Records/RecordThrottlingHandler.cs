using System.Net;
using System.Text;

namespace DataEngine.Azure.Tests.Records;

/// <summary>Answers the requests a script picks with 429 Too Many Requests (retry after 5 ms), as a Cosmos account out of RU would; passes the rest on.</summary>
sealed class RecordThrottlingHandler(Func<HttpRequestMessage, bool> throttle) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!throttle(request))
        {
            return base.SendAsync(request, cancellationToken);
        }

        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            RequestMessage = request,
            Content = new StringContent("""{"code":"TooManyRequests","message":"Request rate is large."}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.Add("x-ms-retry-after-ms", "5");
        response.Headers.Add("x-ms-substatus", "3200");
        response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
        return Task.FromResult(response);
    }
}

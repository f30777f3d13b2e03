using System.Net;
using System.Text.Json;
using DataEngine.Cli.Serve;
using DataEngine.Local;
using DataEngine.Workflows.Reviews.Page;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataEngine.Cli.Tests;

/// <summary>The review API on Kestrel over a local engine, as <c>dataengine serve</c> hosts it: the page and the JSON errors.</summary>
public sealed class ReviewWebHostTests : IAsyncLifetime
{
    readonly string _out = Directory.CreateTempSubdirectory("dataengine-serve-").FullName;
    readonly HttpClient _http = new();
    LocalEngine? _engine;
    ReviewWebHost? _host;

    public async Task InitializeAsync()
    {
        _engine = await LocalEngine.StartAsync(_out);
        _host = await ReviewWebHost.StartAsync(_engine, ReviewWebHost.FreePort(), NullLoggerFactory.Instance, CancellationToken.None);
        _http.BaseAddress = _host.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by the stopping engine; the temp folder is cleaned by the OS eventually.
        }
    }

    [Fact]
    public async Task TheReviewPageIsServedAsHtml()
    {
        using var response = await _http.GetAsync("/review?reviewer=alice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ReviewPage.Html, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListingWithoutAReviewerIsABadRequestWithAJsonError()
    {
        using var response = await _http.GetAsync("/api/reviews");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("?reviewer=", body.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/review-links?token=not-a.review.token&reviewer=alice")]
    [InlineData("/api/review-links?token=not-a.review.token")]
    public async Task ADamagedLinkIsAnUnauthorizedHtmlPageNotAServerError(string link)
    {
        using var response = await _http.PostAsync(link, content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing was recorded.", await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DataEngine.Local;
using DataEngine.Workflows.Reviews;
using DataEngine.Workflows.Reviews.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataEngine.Cli.Serve;

/// <summary>
/// The review API and page on Kestrel, on loopback, over a running local engine: the same <see cref="ReviewApi"/> the
/// Functions app hosts as HTTP triggers (docs/review-api.md), without keys because only this machine can reach it.
/// </summary>
sealed class ReviewWebHost : IAsyncDisposable
{
    readonly WebApplication _app;

    ReviewWebHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The review page of <paramref name="reviewer"/>.</summary>
    public string PageUrl(string reviewer) => $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/review?reviewer={Uri.EscapeDataString(reviewer)}";

    /// <summary>A free loopback port, for a base URL that must be known before the engine starts (its links name it).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static Uri BaseUrlFor(int port) => new($"http://127.0.0.1:{port}");

    public static async Task<ReviewWebHost> StartAsync(LocalEngine engine, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        var app = builder.Build();
        var api = engine.Services.GetRequiredService<ReviewApi>();
        var waiters = new DurableReviewWaiters(engine.Client);
        Map(app, api, waiters);
        await app.StartAsync(cancellationToken);
        return new ReviewWebHost(app, BaseUrlFor(port));
    }

    static void Map(WebApplication app, ReviewApi api, IReviewWaiters waiters)
    {
        app.MapGet("/", () => Results.Redirect("/review"));
        app.MapGet("/review", () => Results.Content(ReviewPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/reviews", async (HttpRequest request, CancellationToken ct) =>
            Result(await api.ListAsync(request.Query["reviewer"], request.Query["dataset"], request.Query["after"], request.Query["limit"], ct)));
        app.MapGet("/api/reviews/{assignmentId}", async (string assignmentId, CancellationToken ct) =>
            Result(await api.GetAsync(assignmentId, ct)));
        app.MapPost("/api/reviews/{assignmentId}/answer", async (string assignmentId, HttpRequest request, CancellationToken ct) =>
            Result(await api.AnswerBodyAsync(assignmentId, null, request.Body, waiters, ct)));
        app.MapGet("/api/review-links", async (HttpRequest request, CancellationToken ct) =>
            Result(await api.LinkPageAsync(request.Query["token"], request.Query["reviewer"], ct)));
        app.MapPost("/api/review-links", async (HttpRequest request, CancellationToken ct) =>
        {
            string? seconds = request.HasFormContentType ? (await request.ReadFormAsync(ct))["secondsSpent"].ToString() : null;

            return Result(await api.FollowLinkFormAsync(request.Query["token"], request.Query["reviewer"], seconds, waiters, ct));
        });
    }

    static IResult Result(ApiResult result) => result.Html is { } html
        ? Results.Content(html, "text/html; charset=utf-8", statusCode: result.Status)
        : Results.Json(result.Json, JsonSerializerOptions.Web, statusCode: result.Status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

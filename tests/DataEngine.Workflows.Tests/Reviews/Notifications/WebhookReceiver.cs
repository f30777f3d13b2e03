using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

/// <summary>A webhook endpoint on a free loopback port that records each request and answers with the given statuses in turn (then 200).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<int> statuses)
    {
        _app = app;
        _statuses = statuses;
    }

    public ConcurrentQueue<(string Method, string Path, string Query, string ContentType, string Body)> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new ConcurrentQueue<int>(statuses));
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.Requests.Enqueue((context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.ContentType ?? "", body));
            context.Response.StatusCode = receiver._statuses.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>
/// A local server that speaks the OpenAI chat-completions API on 127.0.0.1: answers from a function of each item, or as
/// scripted per request (429 with Retry-After, 500, slowly, malformed JSON, a wrong label, a missing item). Counts requests
/// and the most it ever had in flight, and keeps every request for the test to inspect.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _count;

    private FakeChatServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The model the responses name (a dated version, as real endpoints answer).</summary>
    public string ResponseModel { get; set; } = "fake-model-2025-06-01";

    /// <summary>When set, a request for another model gets 404 model_not_found.</summary>
    public string? ServedModel { get; set; }

    /// <summary>When set, a request without this bearer key gets 401.</summary>
    public string? RequiredKey { get; set; }

    /// <summary>The default answer per item; null leaves the item out.</summary>
    public Func<FakeItem, FakeAnswer?> Answerer { get; set; } = _ => new FakeAnswer("ham");

    /// <summary>How each request is answered once the script is used up.</summary>
    public FakeReply Default { get; set; } = FakeReply.Answer;

    public int RequestCount => Volatile.Read(ref _count);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The requests in the order they arrived.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>Replies for the next requests, in order of arrival; after them <see cref="Default"/> answers.</summary>
    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        RaiseMaxInFlight(Interlocked.Increment(ref _inFlight));

        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw new InvalidOperationException("the request body is not a JSON object");
            var reply = _script.TryDequeue(out var scripted) ? scripted : Default;
            var request = new FakeRequest(number, Stopwatch.GetTimestamp(), body, ReadItems(body), context.Request.Headers.Authorization.ToString());
            _requests.Enqueue(request);

            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up on this attempt
                }
            }

            if (RequiredKey is not null && request.Authorization != $"Bearer {RequiredKey}")
            {
                await WriteErrorAsync(context, 401, "Incorrect API key provided.", "invalid_api_key", null);
            }
            else if (ServedModel is not null && (string?)body["model"] != ServedModel)
            {
                await WriteErrorAsync(context, 404, $"The model '{body["model"]}' does not exist.", "model_not_found", null);
            }
            else if (reply.Status != 200)
            {
                await WriteErrorAsync(context, reply.Status, $"scripted {reply.Status}", "scripted", reply.RetryAfter);
            }
            else
            {
                await WriteAnswerAsync(context, request, reply.Content ?? AnswerJson(request.Items, reply.Answering ?? Answerer), reply.FinishReason);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void RaiseMaxInFlight(int inFlight)
    {
        var max = MaxInFlight;
        while (inFlight > max && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) is var seen && seen != max)
        {
            max = seen;
        }
    }

    private static IReadOnlyList<FakeItem> ReadItems(JsonObject body)
    {
        var user = body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!;
        var items = JsonNode.Parse((string)user["content"]!)!["items"]!.AsArray();
        return [.. items.Select(i => new FakeItem((string)i!["id"]!, (string)i["text"]!))];
    }

    private static string AnswerJson(IReadOnlyList<FakeItem> items, Func<FakeItem, FakeAnswer?> answering)
    {
        var answers = new JsonArray();
        foreach (var item in items)
        {
            if (answering(item) is not { } answer)
            {
                continue;
            }

            var entry = new JsonObject { ["id"] = item.Id };
            if (answer.Label is not null)
            {
                entry["label"] = answer.Label;
            }

            if (answer.Score is not null)
            {
                entry["score"] = answer.Score;
            }

            entry["confidence"] = answer.Confidence;
            answers.Add(entry);
        }

        return new JsonObject { ["answers"] = answers }.ToJsonString();
    }

    private async Task WriteAnswerAsync(HttpContext context, FakeRequest request, string content, string finishReason)
    {
        // Deterministic usage, roughly 4 characters a token, recorded so tests can check the per-item split adds up.
        var promptChars = request.Body["messages"]!.AsArray().Sum(m => ((string?)m!["content"])?.Length ?? 0);
        request.PromptTokens = (promptChars + 3) / 4;
        request.CompletionTokens = (content.Length + 3) / 4;
        var response = new JsonObject
        {
            ["id"] = $"chatcmpl-{request.Number}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = ResponseModel,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = request.PromptTokens,
                ["completion_tokens"] = request.CompletionTokens,
                ["total_tokens"] = request.PromptTokens + request.CompletionTokens,
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string code, string? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "fake_error", ["code"] = code } };
        await context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DataEngine.Workflows.Reviews.Page;

namespace DataEngine.Cli.Tests.Browser;

/// <summary>The review API of docs/review-api.md, in memory, on Kestrel at 127.0.0.1 and a free port: serves the
/// real page at <c>/review</c>, keeps the assignments, records every answer and every API call's function key.</summary>
public sealed class ReviewApiStub : IAsyncDisposable
{
    public const string Reviewer = "alice";

    private readonly WebApplication _app;
    private readonly List<StubReview> _reviews;
    private readonly object _gate = new();
    private int _failuresLeft;

    private ReviewApiStub(IEnumerable<StubReview> reviews, TimeSpan answerDelay)
    {
        _reviews = reviews.ToList();
        AnswerDelay = answerDelay;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                Codes.Add(context.Request.Query["code"].ToString());
            }

            await next(context);
        });
        _app.MapGet("/review", () => Results.Content(ReviewPage.Html, "text/html; charset=utf-8"));
        _app.MapGet("/api/reviews", List);
        _app.MapGet("/api/reviews/{assignmentId}", (string assignmentId) =>
            Find(assignmentId) is { } review ? Results.Json(review) : Results.Json(new StubError($"No assignment {assignmentId}."), statusCode: 404));
        _app.MapPost("/api/reviews/{assignmentId}/answer", Answer);
    }

    /// <summary>How long each answer takes, so a test sees whether the page waits for it.</summary>
    public TimeSpan AnswerDelay { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The answers recorded (200), by assignment id.</summary>
    public ConcurrentDictionary<string, StubAnswerRequest> Recorded { get; } = new();

    /// <summary>Every answer POSTed, in arrival order, with the status it got.</summary>
    public ConcurrentQueue<(string AssignmentId, int Status)> Posts { get; } = new();

    /// <summary>The <c>code</c> query parameter of every API call.</summary>
    public ConcurrentBag<string> Codes { get; } = [];

    public IReadOnlyList<StubReview> Reviews
    {
        get
        {
            lock (_gate)
            {
                return _reviews.ToList();
            }
        }
    }

    public static async Task<ReviewApiStub> StartAsync(IEnumerable<StubReview> reviews, TimeSpan? answerDelay = null)
    {
        var stub = new ReviewApiStub(reviews, answerDelay ?? TimeSpan.FromMilliseconds(30));
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseAddress = new Uri(address);
        return stub;
    }

    /// <summary>New assignments arriving while the page is open (a run goes on).</summary>
    public void Add(IEnumerable<StubReview> reviews)
    {
        lock (_gate)
        {
            _reviews.AddRange(reviews);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> POSTs with 503, as a server that is briefly down.</summary>
    public void FailNextAnswers(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Records an answer given elsewhere (another tab, a callback link): the page's answer then gets 409.</summary>
    public void AnswerElsewhere(string assignmentId, string decision)
    {
        lock (_gate)
        {
            var index = _reviews.FindIndex(r => r.AssignmentId == assignmentId);
            _reviews[index] = _reviews[index] with
            {
                State = "answered",
                Answer = new StubAnswer(decision, null, 1.5, DateTimeOffset.UtcNow),
            };
        }
    }

    public Uri PageAddress(string query) => new(BaseAddress, "/review" + query);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult List(string? reviewer, string? dataset, string? after, int? limit)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return Results.Json(new StubError("Name the reviewer: ?reviewer=alice."), statusCode: 400);
        }

        lock (_gate)
        {
            var start = after is null ? 0 : _reviews.FindIndex(r => r.AssignmentId == after) + 1;
            var open = _reviews.Skip(start)
                .Where(r => r.Reviewer == reviewer && r.State == "open" && (dataset is null || r.Dataset == dataset))
                .ToList();
            var page = open.Take(Math.Clamp(limit ?? 50, 1, 200)).ToList();
            var next = open.Count > page.Count ? page[^1].AssignmentId : null;
            return Results.Json(new StubReviewPage(reviewer, page, next));
        }
    }

    private async Task<IResult> Answer(string assignmentId, StubAnswerRequest body)
    {
        await Task.Delay(AnswerDelay);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Posts.Enqueue((assignmentId, 503));
            return Results.Json(new StubError("The store is briefly unavailable; try again."), statusCode: 503);
        }

        var (status, result) = Decide(assignmentId, body);
        Posts.Enqueue((assignmentId, status));
        return result;
    }

    private (int Status, IResult Result) Decide(string assignmentId, StubAnswerRequest body)
    {
        lock (_gate)
        {
            var index = _reviews.FindIndex(r => r.AssignmentId == assignmentId);
            if (index < 0)
            {
                return (404, Results.Json(new StubError($"No assignment {assignmentId}."), statusCode: 404));
            }

            var review = _reviews[index];
            if (body.Reviewer != review.Reviewer)
            {
                return (403, Results.Json(new StubError($"{assignmentId} is {review.Reviewer}'s assignment."), statusCode: 403));
            }

            var decisionOk = body.Decision is "approve" or "reject" or "skip"
                ? body.Label is null
                : body.Decision == "label" && body.Label is not null && review.Labels.Contains(body.Label);
            if (!decisionOk || body.SecondsSpent is not >= 0)
            {
                return (400, Results.Json(new StubError("decision must be approve, reject, label (with a label in labels) or skip, with secondsSpent."), statusCode: 400));
            }

            if (review.State != "open")
            {
                var outcome = review.Answer is null ? "not open" : "already answered";
                return (409, Results.Json(new { outcome, error = $"{assignmentId} is {outcome}; nothing changed.", review }, statusCode: 409));
            }

            var answered = review with
            {
                State = "answered",
                Answer = new StubAnswer(body.Decision!, body.Label, body.SecondsSpent.Value, DateTimeOffset.UtcNow),
            };
            _reviews[index] = answered;
            Recorded[assignmentId] = body;
            return (200, Results.Json(new { outcome = "recorded", review = answered }));
        }
    }

    private StubReview? Find(string assignmentId)
    {
        lock (_gate)
        {
            return _reviews.Find(r => r.AssignmentId == assignmentId);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;
using DataEngine.Core.Runs;
using DataEngine.Functions.Api;
using DataEngine.Functions.Tests.Fakes;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using DataEngine.Workflows.Reviews;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataEngine.Functions.Tests;

/// <summary>The review API's HTTP triggers: what the Functions host indexes, and how a request reaches <see cref="ReviewApi"/>.</summary>
public sealed class ReviewFunctionsTests : IDisposable
{
    static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    readonly string _state = Directory.CreateTempSubdirectory("dataengine-functions-").FullName;
    readonly SqliteReviewStore _store;
    readonly ReviewFunctions _functions;
    readonly InstanceStoreClient _client = new();

    public ReviewFunctionsTests()
    {
        var database = Path.Combine(_state, "records.db");
        _store = new SqliteReviewStore(database);
        var blobs = new FolderBlobStore(Path.Combine(_state, "blobs"));
        var records = new SqliteRecordStore(database);
        var pipelines = new PipelineCache(blobs);
        var clock = TimeProvider.System;
        var late = new LateReviews(
            new ReviewCloser(blobs, _store, pipelines, new ModelTiers()),
            new AnnotationCommitter(blobs, records, clock),
            new RunFinalizer(blobs, records, pipelines, clock),
            records,
            blobs);
        var signer = new ReviewTokenSigner(RandomNumberGenerator.GetBytes(32));
        var api = new ReviewApi(_store, signer, new ReviewLinkVerifier(signer, new SqliteReviewTokenLedger(database)), late, clock, NullLogger<ReviewApi>.Instance);
        _functions = new ReviewFunctions(api);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }

    [Theory]
    [InlineData("ListReviews", "get", "reviews", "function")]
    [InlineData("GetReview", "get", "reviews/{assignmentId}", "function")]
    [InlineData("AnswerReview", "post", "reviews/{assignmentId}/answer", "function")]
    [InlineData("ReviewPageHtml", "get", "review-page", "function")]
    [InlineData("ReviewLinkPage", "get", "review-links", "anonymous")]
    [InlineData("FollowReviewLink", "post", "review-links", "anonymous")]
    public void EachReviewEndpointIsIndexedWithItsRouteMethodAndKeyLevel(string name, string method, string route, string authLevel)
    {
        var trigger = Binding(Function(name), "httpTrigger");

        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant());
    }

    [Theory]
    [InlineData("AnswerReview")]
    [InlineData("FollowReviewLink")]
    public void TheAnsweringTriggersGetADurableClientToWakeTheBatch(string name) => Binding(Function(name), "durableClient");

    [Theory]
    [InlineData("{ \"reviewer\": \"alice\", ", "The body is not valid JSON")]
    [InlineData("", "The body is not valid JSON")]
    [InlineData("null", "The body must be JSON")]
    [InlineData("{ \"reviewer\": \"alice\", \"decision\": 3 }", "The body is not valid JSON")]
    public async Task AnAnswerWhoseBodyIsNotAnAnswerIsABadRequestThatSaysWhy(string body, string message)
    {
        var assignment = await SeedAsync("alice");

        var result = await _functions.AnswerReview(Request(body: body), assignment.AssignmentId, _client, CancellationToken.None);

        var error = Assert.IsType<ObjectResult>(result);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, Assert.IsType<ApiResult.ErrorBody>(error.Value).Error);
        Assert.Equal(ReviewAssignmentState.Open, (await _store.GetAssignmentAsync(assignment.AssignmentId))!.State);
    }

    [Fact]
    public async Task AnAnswerInCamelCaseJsonIsRecorded()
    {
        var assignment = await SeedAsync("alice");

        var result = await _functions.AnswerReview(
            Request(body: """{ "reviewer": "alice", "decision": "label", "label": "ham", "secondsSpent": 2.5 }"""),
            assignment.AssignmentId, _client, CancellationToken.None);

        var ok = Assert.IsType<ObjectResult>(result);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("recorded", Assert.IsType<AnswerOutcomeView>(ok.Value).Outcome);
        var stored = (await _store.GetAssignmentAsync(assignment.AssignmentId))!.Answer;
        Assert.Equal((ReviewAction.Label, "ham", 2.5), (stored!.Decision, stored.Label, stored.SecondsSpent));
    }

    [Fact]
    public async Task TheSignedInPrincipalWinsOverTheReviewerTheRequestNames()
    {
        var alices = await SeedAsync("alice", "item-1");
        var bobs = await SeedAsync("bob", "item-2");

        var list = await _functions.ListReviews(Request("?reviewer=alice", principal: "bob"), CancellationToken.None);
        var answer = await _functions.AnswerReview(
            Request(body: """{ "reviewer": "alice", "decision": "approve" }""", principal: "bob"), alices.AssignmentId, _client, CancellationToken.None);

        var page = Assert.IsType<ReviewListView>(Assert.IsType<ObjectResult>(list).Value);
        Assert.Equal("bob", page.Reviewer);
        Assert.Equal([bobs.AssignmentId], page.Items.Select(i => i.AssignmentId));
        var refused = Assert.IsType<ObjectResult>(answer);
        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("is alice's, not bob's", Assert.IsType<ApiResult.ErrorBody>(refused.Value).Error);
        Assert.Equal(ReviewAssignmentState.Open, (await _store.GetAssignmentAsync(alices.AssignmentId))!.State);
    }

    [Fact]
    public async Task ARefusedLinkIsAnHtmlPageWithTheStatus()
    {
        var result = await _functions.FollowReviewLink(Request("?token=not-a.review.token&reviewer=alice"), _client, CancellationToken.None);

        var page = Assert.IsType<ContentResult>(result);
        Assert.Equal((401, "text/html; charset=utf-8"), (page.StatusCode, page.ContentType));
        Assert.Contains("damaged or incomplete", page.Content);
    }

    async Task<ReviewAssignment> SeedAsync(string reviewer, string itemId = "item-7")
    {
        // No waiter: the answer is recorded and nothing is woken (the fake durable client raises no events).
        var task = new ReviewTask(
            ReviewTask.IdOf("mail-0123456789ab", itemId, "spam"), "mail", "mail-0123456789ab", itemId, "spam",
            [new Annotation("spam", "spam", null, 0.71, new Annotator(AnnotatorKind.LightModel, "ngram-spam", "3f2a"))],
            Now, Now.AddHours(24), 1, "Win a free cruise now!", ["ham", "spam"], "Is this message unsolicited bulk mail?");
        var assignment = ReviewAssignment.Open(task, reviewer, 0, Now);
        await _store.CreateTaskAsync(task, [assignment]);
        return assignment;
    }

    static HttpRequest Request(string query = "", string? body = null, string? principal = null)
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString(query);
        if (body is not null)
        {
            request.Method = "POST";
            request.ContentType = "application/json";
            request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        if (principal is not null)
        {
            request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = principal;
        }

        return request;
    }

    static JsonElement Function(string name)
    {
        var functions = AppFolder.ReadJson(AppFolder.Output, "functions.metadata").EnumerateArray().ToList();
        var matches = functions.Where(f => f.GetProperty("name").GetString() == name).ToList();
        Assert.True(matches.Count == 1, $"functions.metadata should hold one function '{name}'; it holds: {string.Join(", ", functions.Select(f => f.GetProperty("name").GetString()))}");
        return matches[0];
    }

    static JsonElement Binding(JsonElement function, string type)
    {
        var bindings = function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == type).ToList();
        Assert.True(bindings.Count == 1, $"function '{function.GetProperty("name").GetString()}' should have one {type} binding; it has {bindings.Count}.");
        return bindings[0];
    }
}

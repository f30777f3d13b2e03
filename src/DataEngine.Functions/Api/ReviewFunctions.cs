using DataEngine.Workflows.Reviews;
using DataEngine.Workflows.Reviews.Page;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DataEngine.Functions.Api;

/// <summary>
/// The review API (docs/review-api.md) as HTTP triggers: the same <see cref="ReviewApi"/> that <c>dataengine serve</c>
/// hosts. The reviewer endpoints and the page need a function key; callback links are anonymous because their signed,
/// single-use token is the credential.
/// </summary>
public sealed class ReviewFunctions(ReviewApi api)
{
    /// <summary>Set by App Service authentication (Easy Auth) for a signed-in user: it wins over a reviewer named in the request.</summary>
    const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    [Function(nameof(ListReviews))]
    public async Task<IActionResult> ListReviews(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reviews")] HttpRequest request, CancellationToken cancellationToken) =>
        Result(await api.ListAsync(Reviewer(request), request.Query["dataset"], request.Query["after"], request.Query["limit"], cancellationToken));

    [Function(nameof(GetReview))]
    public async Task<IActionResult> GetReview(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reviews/{assignmentId}")] HttpRequest request,
        string assignmentId,
        CancellationToken cancellationToken) =>
        Result(await api.GetAsync(assignmentId, cancellationToken));

    [Function(nameof(AnswerReview))]
    public async Task<IActionResult> AnswerReview(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "reviews/{assignmentId}/answer")] HttpRequest request,
        string assignmentId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Result(await api.AnswerBodyAsync(assignmentId, Principal(request), request.Body, new DurableReviewWaiters(client), cancellationToken));

    [Function(nameof(ReviewLinkPage))]
    public async Task<IActionResult> ReviewLinkPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review-links")] HttpRequest request, CancellationToken cancellationToken) =>
        Result(await api.LinkPageAsync(request.Query["token"], Reviewer(request), cancellationToken));

    [Function(nameof(FollowReviewLink))]
    public async Task<IActionResult> FollowReviewLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review-links")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        string? seconds = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["secondsSpent"].ToString() : null;
        return Result(await api.FollowLinkFormAsync(request.Query["token"], Reviewer(request), seconds, new DurableReviewWaiters(client), cancellationToken));
    }

    [Function(nameof(ReviewPageHtml))]
    public IActionResult ReviewPageHtml(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "review-page")] HttpRequest request) =>
        new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = ReviewPage.Html };

    static string? Principal(HttpRequest request) =>
        request.Headers[PrincipalHeader] is { Count: > 0 } principal && !string.IsNullOrWhiteSpace(principal[0]) ? principal[0] : null;

    static string? Reviewer(HttpRequest request) => Principal(request) ?? (string?)request.Query["reviewer"];

    static IActionResult Result(ApiResult result) => result.Html is { } html
        ? new ContentResult { StatusCode = result.Status, ContentType = "text/html; charset=utf-8", Content = html }
        : new ObjectResult(result.Json) { StatusCode = result.Status };
}

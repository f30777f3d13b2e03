using System.Globalization;
using System.Text.Json;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;
using Microsoft.Extensions.Logging;

namespace DataEngine.Workflows.Reviews;

/// <summary>
/// The review endpoints (docs/review-api.md), free of any web framework so the Functions app and <c>dataengine serve</c>
/// host the same code: each method takes what the request said and returns an <see cref="ApiResult"/>.
/// An answer is recorded in the review store first (once: a second answer changes nothing and says so), then the batch
/// waiting for it is woken; when none waits, the answer is applied to the finished run's labels here.
/// </summary>
public sealed class ReviewApi(
    IReviewStore store, ReviewTokenSigner signer, ReviewLinkVerifier links, LateReviews late, TimeProvider clock, ILogger<ReviewApi> log)
{
    const int DefaultPageSize = 50;
    const int MaxPageSize = 200;

    // The signer throws on a blank reviewer (a caller bug); a link whose reviewer was cut off is the user's, so it is a 401.
    const string NoReviewer = "The review link has no reviewer. Open it again from the review message, without editing it.";

    public async Task<ApiResult> ListAsync(string? reviewer, string? dataset, string? after, string? limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return ApiResult.Error(400, "Say who is reviewing: add ?reviewer=<name> (or sign in through App Service authentication).");
        }

        ReviewCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !ReviewCursorText.TryParse(after, out cursor))
        {
            return ApiResult.Error(400, $"'after' is not a cursor this API returned: '{after}'. Pass the 'next' value of the previous page.");
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return ApiResult.Error(400, $"'limit' must be a whole number from 1 to {MaxPageSize}; got '{limit}'.");
        }

        var page = await store.ListOpenAssignmentsAsync(reviewer, string.IsNullOrEmpty(dataset) ? null : dataset, cursor, size, cancellationToken);
        var items = new List<ReviewView>(page.Assignments.Count);
        foreach (var assignment in page.Assignments)
        {
            if (await store.GetTaskAsync(assignment.TaskId, cancellationToken) is { } task)
            {
                items.Add(ReviewView.Of(task, assignment));
            }
        }

        return ApiResult.Ok(new ReviewListView(reviewer, items, page.Next is { } next ? ReviewCursorText.Format(next) : null));
    }

    public async Task<ApiResult> GetAsync(string assignmentId, CancellationToken cancellationToken) =>
        await ViewAsync(assignmentId, cancellationToken) is { } view
            ? ApiResult.Ok(view)
            : ApiResult.Error(404, $"No review assignment '{assignmentId}'.");

    /// <summary>An answer as the request body holds it (JSON); a body that does not parse is a 400 naming the problem.</summary>
    /// <param name="reviewer">The signed-in principal, when the host has one; it wins over the body's <c>reviewer</c>.</param>
    public async Task<ApiResult> AnswerBodyAsync(
        string assignmentId, string? reviewer, Stream body, IReviewWaiters waiters, CancellationToken cancellationToken)
    {
        AnswerRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<AnswerRequest>(body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiResult.Error(400, $"The body is not valid JSON: {ex.Message}");
        }

        return await AnswerAsync(assignmentId, reviewer, request, waiters, cancellationToken);
    }

    /// <param name="reviewer">Who is answering (the signed-in principal, else the body's or the query's <c>reviewer</c>).</param>
    public async Task<ApiResult> AnswerAsync(
        string assignmentId, string? reviewer, AnswerRequest? body, IReviewWaiters waiters, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiResult.Error(400, "The body must be JSON: { \"reviewer\", \"decision\": approve|reject|label|skip, \"label\", \"secondsSpent\" }.");
        }

        reviewer ??= body.Reviewer;
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return ApiResult.Error(400, "Say who is answering: \"reviewer\" in the body (or sign in through App Service authentication).");
        }

        if (await store.GetAssignmentAsync(assignmentId, cancellationToken) is not { } assignment
            || await store.GetTaskAsync(assignment.TaskId, cancellationToken) is not { } task)
        {
            return ApiResult.Error(404, $"No review assignment '{assignmentId}'.");
        }

        if (!string.Equals(assignment.Reviewer, reviewer, StringComparison.Ordinal))
        {
            return ApiResult.Error(403, $"Assignment '{assignmentId}' is {assignment.Reviewer}'s, not {reviewer}'s; nothing was recorded.");
        }

        if (Problem(task, body.Decision, body.Label, out var decision) is { } problem)
        {
            return ApiResult.Error(400, problem);
        }

        var answer = new ReviewAnswer(decision, decision == ReviewAction.Label ? body.Label : null, Math.Max(0, body.SecondsSpent ?? 0), clock.GetUtcNow());
        return await RecordAsync(task, assignment, answer, waiters, cancellationToken);
    }

    /// <summary>GET of a callback link: shows the item and what the link will do, with one button that uses it. Spends nothing.</summary>
    public async Task<ApiResult> LinkPageAsync(string? token, string? reviewer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return LinkRefused(401, NoReviewer);
        }

        var check = signer.Verify(token, reviewer, clock.GetUtcNow());
        if (check.Claims is not { } claims)
        {
            return LinkRefused(ReviewTokenStatuses.HttpStatus(check.Status), check.Message);
        }

        var task = await store.GetTaskAsync(claims.TaskId, cancellationToken);
        return new ApiResult(200, Html: ReviewLinkHtml.Confirm(claims, task, token!, reviewer!));
    }

    /// <summary>POST of a callback link, with the confirmation form's <c>secondsSpent</c> field as sent (null or unreadable: 0).</summary>
    public Task<ApiResult> FollowLinkFormAsync(string? token, string? reviewer, string? secondsSpent, IReviewWaiters waiters, CancellationToken cancellationToken) =>
        FollowLinkAsync(token, reviewer, double.TryParse(secondsSpent, CultureInfo.InvariantCulture, out var seconds) ? seconds : null, waiters, cancellationToken);

    /// <summary>POST of a callback link: verifies and spends the token, then records its decision for the reviewer's open assignment.</summary>
    public async Task<ApiResult> FollowLinkAsync(string? token, string? reviewer, double? secondsSpent, IReviewWaiters waiters, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return LinkRefused(401, NoReviewer);
        }

        var outcome = await links.VerifyAndConsumeAsync(token, reviewer, clock.GetUtcNow(), cancellationToken);
        if (!outcome.IsAccepted || outcome.Claims is not { } claims)
        {
            log.LogInformation("Review link refused ({Status}) for reviewer {Reviewer}", outcome.Status, reviewer);
            return LinkRefused(outcome.HttpStatus, outcome.Message);
        }

        if (await store.GetTaskAsync(claims.TaskId, cancellationToken) is not { } task)
        {
            return ApiResult.Error(404, $"The link's review task '{claims.TaskId}' no longer exists.");
        }

        var mine = (await store.ListAssignmentsAsync(task.TaskId, cancellationToken)).Where(a => a.Reviewer == claims.Reviewer).ToList();
        var assignment = mine.LastOrDefault(a => a.State == ReviewAssignmentState.Open) ?? mine.LastOrDefault();
        if (assignment is null)
        {
            return ApiResult.Error(403, $"{claims.Reviewer} has no assignment for review task '{task.TaskId}'.");
        }

        var answer = new ReviewAnswer(claims.Action, claims.Label, Math.Max(0, secondsSpent ?? 0), clock.GetUtcNow());
        var result = await RecordAsync(task, assignment, answer, waiters, cancellationToken);
        return result.Json switch
        {
            AnswerOutcomeView { Outcome: "recorded" } => new ApiResult(200, Html: ReviewLinkHtml.Message(
                "Thank you", $"Recorded: {ReviewView.Name(claims.Action)}{(claims.Label is null ? "" : $" '{claims.Label}'")} for item {task.ItemId} ({task.Task}).")),
            AnswerOutcomeView view => new ApiResult(result.Status, Html: ReviewLinkHtml.Message("Nothing was recorded", view.Error ?? view.Outcome)),
            ApiResult.ErrorBody error => new ApiResult(result.Status, Html: ReviewLinkHtml.Message("Nothing was recorded", error.Error)),
            _ => result,
        };
    }

    async Task<ApiResult> RecordAsync(ReviewTask task, ReviewAssignment assignment, ReviewAnswer answer, IReviewWaiters waiters, CancellationToken cancellationToken)
    {
        var result = await store.AnswerAsync(assignment.AssignmentId, answer, cancellationToken);
        var stored = result.Assignment ?? assignment;
        var view = ReviewView.Of(task, stored);
        switch (result.Outcome)
        {
            case AnswerOutcome.Recorded:
                break;
            case AnswerOutcome.AlreadyAnswered:
                return new ApiResult(409, new AnswerOutcomeView("already answered",
                    $"Assignment '{assignment.AssignmentId}' was answered before ({stored.Answer?.Decision.ToString().ToLowerInvariant()}); this answer changed nothing.", view));
            case AnswerOutcome.NotOpen:
                return new ApiResult(409, new AnswerOutcomeView("not open",
                    $"Assignment '{assignment.AssignmentId}' is {ReviewView.Name(stored.State)} (its deadline passed or it was withdrawn); this answer changed nothing.", view));
            default:
                return ApiResult.Error(404, $"No review assignment '{assignment.AssignmentId}'.");
        }

        // The answer is stored: the batch re-reads the store when woken, so a failure from here on loses nothing that a
        // later answer, the batch's next check or the deadline would not pick up.
        if (task.Waiter is { } waiter && !await waiters.TryWakeAsync(waiter, assignment.AssignmentId, cancellationToken))
        {
            await late.ApplyAsync(task, cancellationToken);
        }

        return ApiResult.Ok(new AnswerOutcomeView("recorded", null, view));
    }

    async Task<ReviewView?> ViewAsync(string assignmentId, CancellationToken cancellationToken) =>
        await store.GetAssignmentAsync(assignmentId, cancellationToken) is { } assignment
        && await store.GetTaskAsync(assignment.TaskId, cancellationToken) is { } task
            ? ReviewView.Of(task, assignment)
            : null;

    static string? Problem(ReviewTask task, string? decisionText, string? label, out ReviewAction decision)
    {
        decision = default;
        if (decisionText is null || !Enum.TryParse(decisionText, ignoreCase: true, out decision) || !Enum.IsDefined(decision)
            || !decisionText.All(char.IsAsciiLetter))
        {
            return $"'decision' must be approve, reject, label or skip; got '{decisionText}'.";
        }

        if (decision == ReviewAction.Label && (label is null || !task.LabelList.Contains(label, StringComparer.Ordinal)))
        {
            return $"'label' must be one of the task's labels ({string.Join(", ", task.LabelList)}); got '{label}'.";
        }

        return null;
    }

    static ApiResult LinkRefused(int status, string message) =>
        new(status, Html: ReviewLinkHtml.Message(
            "This review link cannot be used",
            message.Contains("nothing", StringComparison.OrdinalIgnoreCase) ? message : message + " Nothing was recorded."));
}

/// <summary>What an answer came to: <c>recorded</c>, <c>already answered</c> or <c>not open</c>, with the assignment as stored.</summary>
public sealed record AnswerOutcomeView(string Outcome, string? Error, ReviewView Review);

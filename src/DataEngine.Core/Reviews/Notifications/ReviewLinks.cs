namespace DataEngine.Core.Reviews.Notifications;

/// <summary>Builds a reviewer's signed one-click links and page URL for one assignment, under a public base URL.</summary>
/// <remarks>
/// Links point at <c>{base}/api/review-links?token=…&amp;reviewer=…</c>, which the Functions app and <c>dataengine serve</c>
/// both serve. Each link has its own token and nonce, so using one never spends another.
/// </remarks>
public sealed class ReviewLinks
{
    /// <summary>Label links beyond this are left out: the review page picks labels with keys 1–9, and a message stays short.</summary>
    public const int MaxLabelLinks = 9;

    /// <summary>The shortest life a link is issued with when the task's deadline is already (nearly) past; see <see cref="ExpiryFor"/>.</summary>
    public static readonly TimeSpan MinimumLinkLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The path of the link endpoint under the base URL.</summary>
    public const string LinkPath = "/api/review-links";

    private readonly ReviewTokenSigner _signer;
    private readonly string _base;
    private readonly string _pagePath;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _linkLifetime;

    /// <param name="publicBaseUrl">Where reviewers reach the app, e.g. <c>https://myapp.azurewebsites.net</c>; may hold a path prefix.</param>
    /// <param name="linkLifetime">How long a link lives at most (<see cref="ReviewTokenOptions.LinkLifetime"/>).</param>
    /// <param name="pagePath">The review page's path: <c>/review</c> for <c>dataengine serve</c>, <c>/api/review-page</c> for the Functions app.</param>
    public ReviewLinks(ReviewTokenSigner signer, Uri publicBaseUrl, TimeProvider clock, TimeSpan linkLifetime, string pagePath = "/review")
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(pagePath);
        if (!publicBaseUrl.IsAbsoluteUri || (publicBaseUrl.Scheme != Uri.UriSchemeHttp && publicBaseUrl.Scheme != Uri.UriSchemeHttps)
            || publicBaseUrl.Query.Length > 0 || publicBaseUrl.Fragment.Length > 0)
        {
            throw new ArgumentException("The public base URL must be an absolute http or https URL without a query or fragment.", nameof(publicBaseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(linkLifetime, TimeSpan.Zero);
        _signer = signer;

        // AbsoluteUri keeps the escaping of any path prefix; ToString() would unescape it.
        _base = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        _pagePath = pagePath.StartsWith('/') ? pagePath : "/" + pagePath;
        _clock = clock;
        _linkLifetime = linkLifetime;
    }

    /// <summary>The notice for <paramref name="assignment"/> of <paramref name="task"/>: page URL and freshly signed links.</summary>
    public ReviewNotice NoticeFor(ReviewTask task, ReviewAssignment assignment) =>
        new(task, assignment, PageUrl(assignment.Reviewer), For(task, assignment));

    /// <summary>Approve, reject, one link per label (the first <see cref="MaxLabelLinks"/>), skip; each signed for the assignment's reviewer.</summary>
    public IReadOnlyList<ReviewLink> For(ReviewTask task, ReviewAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(assignment);
        if (!string.Equals(task.TaskId, assignment.TaskId, StringComparison.Ordinal))
        {
            // Links signed for the wrong task would record an answer on an item the reviewer never saw.
            throw new ArgumentException($"Assignment {assignment.AssignmentId} belongs to task {assignment.TaskId}, not {task.TaskId}.", nameof(assignment));
        }

        var expiresAt = ExpiryFor(task);
        var links = new List<ReviewLink>
        {
            Link(task, assignment.Reviewer, ReviewAction.Approve, null, expiresAt),
            Link(task, assignment.Reviewer, ReviewAction.Reject, null, expiresAt),
        };
        foreach (var label in task.LabelList.Where(label => !string.IsNullOrWhiteSpace(label)).Take(MaxLabelLinks))
        {
            links.Add(Link(task, assignment.Reviewer, ReviewAction.Label, label, expiresAt));
        }

        links.Add(Link(task, assignment.Reviewer, ReviewAction.Skip, null, expiresAt));
        return links;
    }

    /// <summary>The reviewer's page: <c>{base}{pagePath}?reviewer={reviewer}</c>.</summary>
    public string PageUrl(string reviewer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        return $"{_base}{_pagePath}?reviewer={Uri.EscapeDataString(reviewer)}";
    }

    /// <summary>
    /// When <paramref name="task"/>'s links expire: <c>min(now + lifetime, deadline)</c>, since a link should not outlive
    /// the wait; but at least <see cref="MinimumLinkLifetime"/> from now (never beyond the lifetime) when the deadline is
    /// past or within a minute.
    /// </summary>
    /// <remarks>
    /// Why a floor instead of the deadline: a link that is dead on arrival (or dies while the message is in flight) can
    /// only say "expired", which is wrong when the assignment is still open because the deadline has not been processed
    /// yet, and unhelpful when it is closed. A minute lets the link reach the server, which answers from the assignment's
    /// real state (recorded while it is open, 409 "not open" once closed), so a late link never records anything the
    /// store would not accept anyway. The token truncates expiry to the second, so the floor also keeps a deadline a
    /// fraction of a second away from producing an already-expired token.
    /// </remarks>
    public DateTimeOffset ExpiryFor(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var now = _clock.GetUtcNow();
        var byLifetime = now + _linkLifetime;
        var floor = now + MinimumLinkLifetime;
        var byDeadline = task.Deadline > floor ? task.Deadline : floor;
        return byLifetime < byDeadline ? byLifetime : byDeadline;
    }

    private ReviewLink Link(ReviewTask task, string reviewer, ReviewAction action, string? label, DateTimeOffset expiresAt)
    {
        var token = _signer.Issue(new ReviewToken(task.TaskId, reviewer, action, label, expiresAt, ReviewToken.NewNonce()));
        var url = $"{_base}{LinkPath}?token={Uri.EscapeDataString(token)}&reviewer={Uri.EscapeDataString(reviewer)}";
        return new ReviewLink(action, label, url);
    }
}

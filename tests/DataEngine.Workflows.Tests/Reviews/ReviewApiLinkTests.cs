using System.Security.Cryptography;
using DataEngine.Core.Reviews;
using DataEngine.Workflows.Reviews;

namespace DataEngine.Workflows.Tests.Reviews;

/// <summary>One-click callback links through <see cref="ReviewApi"/>: each works once, for its reviewer only, and a refused one spends nothing.</summary>
public sealed class ReviewApiLinkTests : IDisposable
{
    readonly ReviewApiFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task AGenuineApproveLinkRecordsAnApprovalAndWakesTheBatch()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var (token, reviewer) = _f.Link(task, assignment, ReviewAction.Approve);

        var result = await _f.Api.FollowLinkAsync(token, reviewer, 4.2, _f.Waiters, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Contains("Recorded: approve for item item-7 (spam)", result.Html);
        var stored = await _f.StoredAsync(assignment.AssignmentId);
        Assert.Equal(ReviewAssignmentState.Answered, stored.State);
        Assert.Equal(new ReviewAnswer(ReviewAction.Approve, null, 4.2, ReviewApiFixture.Start), stored.Answer);
        Assert.Equal(new[] { (ReviewApiFixture.Waiter, assignment.AssignmentId) }, _f.Waiters.WokenUp.ToArray());
    }

    [Fact]
    public async Task TheSameLinkAgainIsAReplayAndChangesNothing()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var (token, reviewer) = _f.Link(task, assignment, ReviewAction.Approve);
        Assert.Equal(200, (await _f.Api.FollowLinkAsync(token, reviewer, 1, _f.Waiters, CancellationToken.None)).Status);
        var before = await _f.StoredAsync(assignment.AssignmentId);

        var again = await _f.Api.FollowLinkAsync(token, reviewer, 7, _f.Waiters, CancellationToken.None);

        Assert.Equal(409, again.Status);
        Assert.Contains("already used", again.Html);
        Assert.Contains("nothing was changed", again.Html);
        Assert.DoesNotContain("Nothing was recorded", again.Html); // said once, not twice
        Assert.Equal(before, await _f.StoredAsync(assignment.AssignmentId));
        Assert.Single(_f.Waiters.WokenUp);
    }

    [Fact]
    public async Task AnotherLinkOfAnAnsweredAssignmentIsAConflictAndTheFirstAnswerStands()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var approve = _f.Link(task, assignment, ReviewAction.Approve);
        var reject = _f.Link(task, assignment, ReviewAction.Reject);
        Assert.Equal(200, (await _f.Api.FollowLinkAsync(approve.Token, approve.Reviewer, 1, _f.Waiters, CancellationToken.None)).Status);
        var before = await _f.StoredAsync(assignment.AssignmentId);

        var result = await _f.Api.FollowLinkAsync(reject.Token, reject.Reviewer, 1, _f.Waiters, CancellationToken.None);

        Assert.Equal(409, result.Status);
        Assert.Contains("answered before (approve)", result.Html);
        Assert.Equal(before, await _f.StoredAsync(assignment.AssignmentId));
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "missing", 401, "has no token" },
        { "malformed", 401, "damaged or incomplete" },
        { "forged", 401, "signature is not valid" },
        { "tampered", 401, "signature is not valid" },
        { "expired", 401, "has expired" },
        { "another reviewer", 403, "issued to a different reviewer" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedLinkChangesNothingAndTheGenuineLinkStillWorks(string how, int status, string message)
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var genuine = _f.Link(task, assignment, ReviewAction.Approve);
        var (token, reviewer) = Attempt(how, task, genuine);

        var refused = await _f.Api.FollowLinkAsync(token, reviewer, 1, _f.Waiters, CancellationToken.None);

        Assert.Equal(status, refused.Status);
        Assert.Contains(message, refused.Html);
        Assert.Contains("Nothing was recorded.", refused.Html);
        var stored = await _f.StoredAsync(assignment.AssignmentId);
        Assert.Equal((ReviewAssignmentState.Open, null), (stored.State, stored.Answer));
        Assert.Empty(_f.Waiters.WokenUp);

        var accepted = await _f.Api.FollowLinkAsync(genuine.Token, genuine.Reviewer, 1, _f.Waiters, CancellationToken.None);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(ReviewAction.Approve, (await _f.StoredAsync(assignment.AssignmentId)).Answer?.Decision);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ALinkWithoutAReviewerIsRefusedNotAServerError(string? reviewer)
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var genuine = _f.Link(task, assignment, ReviewAction.Approve);

        var page = await _f.Api.LinkPageAsync(genuine.Token, reviewer, CancellationToken.None);
        var follow = await _f.Api.FollowLinkAsync(genuine.Token, reviewer, 1, _f.Waiters, CancellationToken.None);

        Assert.Equal((401, 401), (page.Status, follow.Status));
        Assert.Contains("has no reviewer", page.Html);
        Assert.Contains("has no reviewer", follow.Html);
        Assert.Contains("Nothing was recorded.", follow.Html);
        Assert.Equal(ReviewAssignmentState.Open, (await _f.StoredAsync(assignment.AssignmentId)).State);
        Assert.Equal(200, (await _f.Api.FollowLinkAsync(genuine.Token, genuine.Reviewer, 1, _f.Waiters, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task ALabelLinkRecordsItsLabel()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var (token, reviewer) = _f.Link(task, assignment, ReviewAction.Label, "ham");

        var result = await _f.Api.FollowLinkAsync(token, reviewer, null, _f.Waiters, CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Contains("Recorded: label &#39;ham&#39;", result.Html);
        Assert.Equal(new ReviewAnswer(ReviewAction.Label, "ham", 0, ReviewApiFixture.Start), (await _f.StoredAsync(assignment.AssignmentId)).Answer);
    }

    [Fact]
    public async Task ALinkToAnExpiredAssignmentIsAConflictAndChangesNothing()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var (token, reviewer) = _f.Link(task, assignment, ReviewAction.Reject);
        var expired = await _f.Store.ExpireAsync(assignment.AssignmentId);

        var result = await _f.Api.FollowLinkAsync(token, reviewer, 1, _f.Waiters, CancellationToken.None);

        Assert.Equal(409, result.Status);
        Assert.Contains("is expired", result.Html);
        Assert.Equal(expired, await _f.StoredAsync(assignment.AssignmentId));
        Assert.Empty(_f.Waiters.WokenUp);
    }

    [Fact]
    public async Task TheLinkPageShowsTheItemEncodedAndSpendsNothing()
    {
        var (task, assignment) = await _f.SeedOneAsync(text: "Hi <script>alert('x')</script> & bye");
        var (token, reviewer) = _f.Link(task, assignment, ReviewAction.Approve);

        var page = await _f.Api.LinkPageAsync(token, reviewer, CancellationToken.None);

        Assert.Equal(200, page.Status);
        Assert.Contains("Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bye", page.Html);
        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.Contains("Is this message unsolicited bulk mail?", page.Html);
        Assert.Contains(">Approve</button>", page.Html);
        Assert.Equal(ReviewAssignmentState.Open, (await _f.StoredAsync(assignment.AssignmentId)).State);

        Assert.Equal(200, (await _f.Api.FollowLinkAsync(token, reviewer, 1, _f.Waiters, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task TheLinkPageOfARefusedLinkSaysWhy()
    {
        var (task, assignment) = await _f.SeedOneAsync();
        var (token, _) = _f.Link(task, assignment, ReviewAction.Approve);

        var page = await _f.Api.LinkPageAsync(token, "bob", CancellationToken.None);

        Assert.Equal(403, page.Status);
        Assert.Contains("issued to a different reviewer", page.Html);
        Assert.DoesNotContain("Win a free cruise", page.Html);
    }

    (string? Token, string? Reviewer) Attempt(string how, ReviewTask task, (string Token, string Reviewer) genuine)
    {
        switch (how)
        {
            case "missing":
                return (null, genuine.Reviewer);
            case "malformed":
                return ("not-a.review.token", genuine.Reviewer);
            case "forged":
                var other = new ReviewTokenSigner(RandomNumberGenerator.GetBytes(32));
                return (other.Issue(ReviewToken.Create(task.TaskId, "alice", ReviewAction.Reject, null, _f.Clock.Now, TimeSpan.FromHours(1))), "alice");
            case "tampered":
                // Another genuine token's signature on this token's payload.
                var parts = genuine.Token.Split('.');
                var donor = _f.Signer.Issue(ReviewToken.Create(task.TaskId, "alice", ReviewAction.Reject, null, _f.Clock.Now, TimeSpan.FromHours(1))).Split('.');
                return ($"{parts[0]}.{donor[1]}.{parts[2]}", "alice");
            case "expired":
                var shortLived = _f.Signer.Issue(ReviewToken.Create(task.TaskId, "alice", ReviewAction.Reject, null, _f.Clock.Now, TimeSpan.FromMinutes(10)));
                _f.Clock.Now = ReviewApiFixture.Start.AddMinutes(11);
                return (shortLived, "alice");
            case "another reviewer":
                return (genuine.Token, "bob");
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }
}

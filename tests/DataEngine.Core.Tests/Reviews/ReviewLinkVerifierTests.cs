using DataEngine.Core.Reviews;
using static DataEngine.Core.Tests.Reviews.TestKeys;

namespace DataEngine.Core.Tests.Reviews;

public class ReviewLinkVerifierTests
{
    private const string Alice = "alice@example.org";
    private readonly ReviewTokenSigner _signer = new(Current);
    private readonly InMemoryReviewTokenLedger _ledger = new(new ManualTimeProvider(Now));
    private readonly ReviewLinkVerifier _verifier;

    public ReviewLinkVerifierTests() => _verifier = new ReviewLinkVerifier(_signer, _ledger);

    [Fact]
    public async Task First_use_is_accepted_and_replay_is_409()
    {
        var claims = Claims(action: ReviewAction.Label, label: "ham");
        var token = _signer.Issue(claims);

        var first = await _verifier.VerifyAndConsumeAsync(token, Alice, Now);
        var second = await _verifier.VerifyAndConsumeAsync(token, Alice, Now.AddMinutes(1));

        Assert.True(first.IsAccepted);
        Assert.Equal(200, first.HttpStatus);
        Assert.Equal(claims, first.Claims);
        Assert.Equal(ReviewTokenStatus.Replayed, second.Status);
        Assert.Equal(409, second.HttpStatus);
        Assert.Contains("already used", second.Message);
        Assert.Null(second.Claims);
    }

    [Fact]
    public async Task Failed_verifications_consume_nothing_and_the_genuine_link_then_works_once()
    {
        var token = _signer.Issue(Claims());
        var parts = token.Split('.');

        var refusals = new[]
        {
            await _verifier.VerifyAndConsumeAsync(null, Alice, Now),
            await _verifier.VerifyAndConsumeAsync(token[..^4], Alice, Now),
            await _verifier.VerifyAndConsumeAsync(parts[0] + "." + parts[1] + "." + new string('A', 43), Alice, Now),
            await _verifier.VerifyAndConsumeAsync(new ReviewTokenSigner(Stranger).Issue(Claims()), Alice, Now),
            await _verifier.VerifyAndConsumeAsync(token, "mallory@example.org", Now),
            await _verifier.VerifyAndConsumeAsync(token, Alice, Expiry),
        };

        Assert.Equal(
            [ReviewTokenStatus.Missing, ReviewTokenStatus.Malformed, ReviewTokenStatus.Forged, ReviewTokenStatus.Forged,
             ReviewTokenStatus.WrongReviewer, ReviewTokenStatus.Expired],
            refusals.Select(r => r.Status));
        Assert.Equal([401, 401, 401, 401, 403, 401], refusals.Select(r => r.HttpStatus));
        Assert.All(refusals, r => Assert.Null(r.Claims));
        Assert.Equal(0, _ledger.Count);

        Assert.True((await _verifier.VerifyAndConsumeAsync(token, Alice, Now)).IsAccepted);
        Assert.Equal(ReviewTokenStatus.Replayed, (await _verifier.VerifyAndConsumeAsync(token, Alice, Now)).Status);
    }

    [Fact]
    public async Task Replay_by_another_reviewer_is_still_403_not_409()
    {
        var token = _signer.Issue(Claims());
        await _verifier.VerifyAndConsumeAsync(token, Alice, Now);

        Assert.Equal(403, (await _verifier.VerifyAndConsumeAsync(token, "bob@example.org", Now)).HttpStatus);
    }

    [Fact]
    public async Task Two_links_for_the_same_task_are_independent()
    {
        var approve = _signer.Issue(Claims());
        var reject = _signer.Issue(Claims(action: ReviewAction.Reject));

        Assert.True((await _verifier.VerifyAndConsumeAsync(approve, Alice, Now)).IsAccepted);
        Assert.True((await _verifier.VerifyAndConsumeAsync(reject, Alice, Now)).IsAccepted);
    }

    [Fact]
    public async Task Concurrent_uses_of_one_link_accept_exactly_one()
    {
        var token = _signer.Issue(Claims());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => _verifier.VerifyAndConsumeAsync(token, Alice, Now))));

        Assert.Single(outcomes, o => o.IsAccepted);
        Assert.Equal(63, outcomes.Count(o => o.Status == ReviewTokenStatus.Replayed));
    }
}

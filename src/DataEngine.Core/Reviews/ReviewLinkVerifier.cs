namespace DataEngine.Core.Reviews;

/// <summary>Accepts a review link at most once: verifies the token, then consumes its nonce in the ledger.</summary>
/// <remarks>
/// Verification comes first so that a forged, expired or other-reviewer token spends nothing and the genuine link still works.
/// Consumption comes before the decision is applied, so the host should apply it idempotently (keyed by task and nonce):
/// a crash between the two leaves a spent link, never a decision recorded twice.
/// </remarks>
public sealed class ReviewLinkVerifier
{
    private readonly ReviewTokenSigner _signer;
    private readonly IReviewTokenLedger _ledger;

    public ReviewLinkVerifier(ReviewTokenSigner signer, IReviewTokenLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(ledger);
        _signer = signer;
        _ledger = ledger;
    }

    /// <summary>Checks <paramref name="token"/> for <paramref name="reviewer"/> at <paramref name="now"/> and, when valid, uses it up.</summary>
    public async Task<ReviewLinkOutcome> VerifyAndConsumeAsync(
        string? token, string reviewer, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var check = _signer.Verify(token, reviewer, now);
        if (check.Claims is not { } claims)
        {
            return ReviewLinkOutcome.From(check);
        }

        return await _ledger.TryConsumeAsync(claims.Nonce, claims.ExpiresAt, cancellationToken).ConfigureAwait(false)
            ? ReviewLinkOutcome.From(check)
            : ReviewLinkOutcome.Replayed();
    }
}

namespace DataEngine.Core.Reviews;

/// <summary>Records which review-link nonces were used, so that each link works once.</summary>
/// <remarks>
/// Implementations must make <see cref="TryConsumeAsync"/> atomic across every instance of the host (an insert that fails on a
/// duplicate key, not a read then a write). They may forget a nonce after its <c>expiresAt</c>, because an expired link is refused
/// before the ledger is asked.
/// </remarks>
public interface IReviewTokenLedger
{
    /// <summary>Marks <paramref name="nonce"/> used. True the first time; false on every later call (the caller answers 409).</summary>
    Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}

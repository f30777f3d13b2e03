namespace DataEngine.Core.Reviews;

/// <summary>Why a review link was accepted or refused; <see cref="ReviewTokenStatuses.HttpStatus"/> maps each to a response code.</summary>
public enum ReviewTokenStatus
{
    /// <summary>Signed by us, unexpired, for this reviewer (and, from <see cref="ReviewLinkVerifier"/>, not used before).</summary>
    Valid,

    /// <summary>No token at all (401).</summary>
    Missing,

    /// <summary>Not in the token format: bad base64url, wrong number of parts, truncated, too long (401).</summary>
    Malformed,

    /// <summary>Well formed, but the signature does not match any key this service holds (401).</summary>
    Forged,

    /// <summary>Genuine but past its expiry (401).</summary>
    Expired,

    /// <summary>Genuine but issued to another reviewer (403).</summary>
    WrongReviewer,

    /// <summary>Genuine, but its nonce was already consumed: the link was used before (409). Only <see cref="ReviewLinkVerifier"/> returns it.</summary>
    Replayed,
}

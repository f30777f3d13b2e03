namespace DataEngine.Core.Reviews;

/// <summary>The HTTP status and the user-facing message for each <see cref="ReviewTokenStatus"/>.</summary>
public static class ReviewTokenStatuses
{
    /// <summary>
    /// 200 for a valid link; 401 when the caller has no usable credential (missing, malformed, forged, expired);
    /// 403 when the credential is genuine but not theirs; 409 when it was already spent.
    /// </summary>
    public static int HttpStatus(ReviewTokenStatus status) => status switch
    {
        ReviewTokenStatus.Valid => 200,
        ReviewTokenStatus.Missing or ReviewTokenStatus.Malformed or ReviewTokenStatus.Forged or ReviewTokenStatus.Expired => 401,
        ReviewTokenStatus.WrongReviewer => 403,
        ReviewTokenStatus.Replayed => 409,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown review token status."),
    };

    // Messages are fixed text on purpose: they never echo the token, the key, or who the link belongs to.
    internal static string Message(ReviewTokenStatus status) => status switch
    {
        ReviewTokenStatus.Valid => "The review link is valid.",
        ReviewTokenStatus.Missing => "The review link has no token. Open the link from the review message again.",
        ReviewTokenStatus.Malformed => "The review link is damaged or incomplete. Open it again from the review message, without editing it.",
        ReviewTokenStatus.Forged => "The review link's signature is not valid: it was altered or was not issued by this service.",
        ReviewTokenStatus.Expired => "The review link has expired. Ask for a new one.",
        ReviewTokenStatus.WrongReviewer => "The review link was issued to a different reviewer.",
        ReviewTokenStatus.Replayed => "This review link was already used; its decision was recorded once and nothing was changed now.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown review token status."),
    };
}

namespace DataEngine.Core.Reviews;

/// <summary>The result of checking a review token's signature, expiry and reviewer; <see cref="Claims"/> is set only when valid.</summary>
public sealed record TokenCheck(ReviewTokenStatus Status, string Message, ReviewToken? Claims)
{
    public bool IsValid => Status == ReviewTokenStatus.Valid;

    public int HttpStatus => ReviewTokenStatuses.HttpStatus(Status);

    internal static TokenCheck Fail(ReviewTokenStatus status) => new(status, ReviewTokenStatuses.Message(status), null);

    internal static TokenCheck Ok(ReviewToken claims) => new(ReviewTokenStatus.Valid, ReviewTokenStatuses.Message(ReviewTokenStatus.Valid), claims);
}

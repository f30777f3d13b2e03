namespace DataEngine.Core.Reviews;

/// <summary>What a host answers to a review link: the status, its HTTP code and message, and the claims when the link was accepted and consumed.</summary>
public sealed record ReviewLinkOutcome(ReviewTokenStatus Status, string Message, ReviewToken? Claims)
{
    public bool IsAccepted => Status == ReviewTokenStatus.Valid;

    public int HttpStatus => ReviewTokenStatuses.HttpStatus(Status);

    internal static ReviewLinkOutcome From(TokenCheck check) => new(check.Status, check.Message, check.Claims);

    internal static ReviewLinkOutcome Replayed() =>
        new(ReviewTokenStatus.Replayed, ReviewTokenStatuses.Message(ReviewTokenStatus.Replayed), null);
}

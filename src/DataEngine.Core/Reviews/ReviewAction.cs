namespace DataEngine.Core.Reviews;

/// <summary>What a reviewer does by following a callback link.</summary>
public enum ReviewAction
{
    Approve,
    Reject,
    Label,
    Skip,
}

namespace DataEngine.Core.Reviews;

/// <summary>
/// Where an assignment stands. Only <see cref="Open"/> accepts an answer; every other state is final, so an answer is
/// recorded at most once and a late one never overwrites an expiry or a withdrawal.
/// </summary>
public enum ReviewAssignmentState
{
    Open,
    Answered,
    Expired,
    Withdrawn,
}

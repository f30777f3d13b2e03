namespace DataEngine.Core.Reviews;

/// <summary>One reviewer's answer to one assignment, with the time it took (QA measures seconds of human time per annotation).</summary>
/// <param name="Label">The reviewer's label when <see cref="Decision"/> is <see cref="ReviewAction.Label"/>; otherwise usually null.</param>
/// <param name="SecondsSpent">Seconds the reviewer spent on the item, as the review page measured it.</param>
public sealed record ReviewAnswer(ReviewAction Decision, string? Label, double SecondsSpent, DateTimeOffset AnsweredAt);

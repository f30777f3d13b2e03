namespace DataEngine.Core.Reviews.Batches;

/// <summary>What an answer did to its review task: the task (null when the assignment is not the run's), and whether it stopped waiting.</summary>
public sealed record SettledReview(string? TaskId, bool Settled);

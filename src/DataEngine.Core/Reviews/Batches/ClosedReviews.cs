namespace DataEngine.Core.Reviews.Batches;

/// <summary>What <see cref="ReviewCloser.CloseAsync"/> did: the verdicts, and the ETag of the batch's annotation state after it (null: none).</summary>
public sealed record ClosedReviews(int Verdicts, string? StateETag);

namespace DataEngine.Core.Reviews;

/// <summary>One page of a reviewer's open assignments, oldest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record ReviewAssignmentPage(IReadOnlyList<ReviewAssignment> Assignments, ReviewCursor? Next);

namespace DataEngine.Core.Reviews;

/// <summary>Where a page of a reviewer's open assignments ended: the next page starts strictly after this (AssignedAt, AssignmentId).</summary>
public sealed record ReviewCursor(DateTimeOffset AssignedAt, string AssignmentId);

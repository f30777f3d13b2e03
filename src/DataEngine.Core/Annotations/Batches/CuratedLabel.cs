namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// One line of a run's curated labels: an accepted item's label for a task with its provenance (who gave it, how sure,
/// whether it stands only for want of a better tier, and the cascade's reason).
/// </summary>
public sealed record CuratedLabel(string Id, string Task, string? Label, double? Score, double Confidence, string By, bool LowTrust, string Route, string? Reason);

namespace DataEngine.Models.Heads;

/// <summary>
/// A promotion decision: the candidate and the current head measured on the same held-out items (the candidate's test
/// split), and whether the candidate replaced it.
/// </summary>
/// <param name="Current">The head it was compared with; null for a task's first head.</param>
/// <param name="CurrentMetrics">The current head on the candidate's test split; null when there is none or it cannot be
/// compared (other features, labels or split).</param>
public sealed record HeadComparison(
    string Candidate,
    string? Current,
    int TestExamples,
    HeadMetrics CandidateMetrics,
    HeadMetrics? CurrentMetrics,
    bool Promoted,
    string Reason,
    DateTimeOffset DecidedAt);

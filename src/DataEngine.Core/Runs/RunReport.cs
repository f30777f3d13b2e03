using DataEngine.Core.Annotations.Batches;

namespace DataEngine.Core.Runs;

/// <summary>
/// What a run did, written as report.json beside the curated data. The states add up:
/// <c>Read == Accepted + Rejected + Duplicates + Quarantined</c>.
/// </summary>
public sealed record RunReport
{
    public required string RunId { get; init; }
    public required string Dataset { get; init; }
    public required string Input { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    public required int Batches { get; init; }
    public required long Bytes { get; init; }
    public required long Read { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Duplicates { get; init; }
    public required long Quarantined { get; init; }

    /// <summary>Rejections per filter rule, with each rule's share of the items read: a rule that misfires shows here.</summary>
    public required IReadOnlyList<RuleCount> RejectedByRule { get; init; }

    /// <summary>Quarantines grouped by reason (the first part of the message, before any item-specific detail).</summary>
    public required IReadOnlyList<RuleCount> QuarantinedByReason { get; init; }

    public required IReadOnlyList<string> CuratedFiles { get; init; }

    /// <summary>Per annotation task: where the accepted items' labels came from, what the foundation tier cost, and retraining.</summary>
    public IReadOnlyList<TaskSummary> Annotations { get; init; } = [];

    /// <summary>When review answers that came after the run last changed its labels (and <see cref="Annotations"/>); null if none did.</summary>
    public DateTimeOffset? LabelsUpdatedAt { get; init; }

    public double Seconds => (CompletedAt - StartedAt).TotalSeconds;

    public double DocsPerSecond => Seconds > 0 ? Read / Seconds : 0;

    public double MegabytesPerSecond => Seconds > 0 ? Bytes / 1e6 / Seconds : 0;

    /// <summary>True when every item read ended in exactly one state, and every accepted item annotated for a task has one route.</summary>
    public bool AddsUp => Read == Accepted + Rejected + Duplicates + Quarantined && Annotations.All(a => a.AddsUp);
}

/// <summary>A count with its share of the items read.</summary>
public sealed record RuleCount(string Name, long Count, double Share);

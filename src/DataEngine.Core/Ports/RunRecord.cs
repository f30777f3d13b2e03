namespace DataEngine.Core.Ports;

/// <summary>A run as recorded: its identity, where its input came from, and whether it finished.</summary>
public sealed record RunRecord(
    string RunId,
    string Dataset,
    string Input,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt = null,
    string? ReportBlob = null);

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    Running,
    Completed,
    Failed,
}

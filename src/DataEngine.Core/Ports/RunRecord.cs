namespace DataEngine.Core.Ports;

/// <summary>A run as recorded: its identity, where its input came from, and whether it finished.</summary>
/// <param name="ETag">The version read from the store (null for a record not yet stored); replacing requires it.</param>
public sealed record RunRecord(
    string RunId,
    string Dataset,
    string Input,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt = null,
    string? ReportBlob = null,
    string? ETag = null);

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    Running,
    Completed,
    Failed,
}

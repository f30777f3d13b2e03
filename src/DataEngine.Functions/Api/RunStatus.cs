using DataEngine.Core.Runs;
using DataEngine.Workflows;

namespace DataEngine.Functions.Api;

/// <summary>What GET runs/{runId} answers: where the run is, its progress, and its report once it completed.</summary>
/// <param name="RuntimeStatus">The orchestration's status: Pending, Running, Suspended, Completed, Failed or Terminated.</param>
/// <param name="Progress">The run's latest progress (phase, batches and items done); null before it reports any.</param>
/// <param name="Report">The run report, only when <paramref name="RuntimeStatus"/> is Completed.</param>
/// <param name="Error">Why the run failed, only when it did.</param>
public sealed record RunStatus(
    string RunId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunProgress? Progress,
    RunReport? Report,
    string? Error);

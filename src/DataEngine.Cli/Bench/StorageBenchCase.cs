namespace DataEngine.Cli.Bench;

/// <summary>
/// One storage measurement: an adapter and its baseline doing the same work, <paramref name="UnitsPerRun"/> units
/// (megabytes, upserts, reads) per timed run. <paramref name="SetupAsync"/> runs once, untimed, before the warm-up.
/// <paramref name="HasTarget"/> is false for a measurement that only explains another (no target to meet).
/// </summary>
sealed record StorageBenchCase(
    string Name, string What, string RateName, double UnitsPerRun, StorageBenchSide Baseline, StorageBenchSide Adapter,
    Func<CancellationToken, Task>? SetupAsync = null, bool HasTarget = true);

/// <summary>One side of a measurement: <paramref name="PrepareAsync"/> (untimed) gets repetition N ready and returns what to time.</summary>
sealed record StorageBenchSide(string What, Func<int, CancellationToken, Task<StorageBenchTrial>> PrepareAsync);

/// <summary>The timed part of one repetition, and its untimed clean-up (deleting what it wrote).</summary>
sealed record StorageBenchTrial(Func<CancellationToken, Task> RunAsync, Func<Task>? CleanupAsync = null);

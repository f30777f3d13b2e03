namespace DataEngine.Core.Runs;

/// <summary>
/// The input of a run's orchestration: ids and references only. The instance id of the orchestration is
/// <see cref="RunId"/>, so starting the same input twice finds the first run.
/// </summary>
/// <param name="SourcePrefix">Blob-name prefix of the run's input in the raw container (one blob or a folder).</param>
/// <param name="Annotates">The pipeline declares annotation tasks: batches go through the model tiers.</param>
/// <param name="Review">Whether batches wait for human review answers or leave them pending.</param>
/// <param name="ReviewDeadlineMinutes">How long a waiting batch waits for one round of answers.</param>
public sealed record RunRequest(
    string RunId, string Dataset, string SourcePrefix, int MaxParallelBatches, int MaxAttempts, bool Annotates = false,
    ReviewMode Review = ReviewMode.Wait, double ReviewDeadlineMinutes = 24 * 60);

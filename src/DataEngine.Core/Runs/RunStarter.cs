using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Prepares a run before its orchestration is scheduled: derives the run id from the input's identity and the
/// pipeline, stores the pipeline beside the run, and records the run. Hosts (CLI, Functions) then schedule
/// the orchestration under <see cref="RunRequest.RunId"/>.
/// </summary>
public sealed class RunStarter(IBlobStore blobs, IRecordStore records, PipelineCache pipelines, TimeProvider clock)
{
    /// <summary>
    /// A run id that is the same for the same input (blob names, sizes and ETags) and pipeline, and different otherwise:
    /// a re-delivered upload event or a repeated command finds the existing run instead of starting another.
    /// </summary>
    public async Task<string> RunIdForAsync(string sourcePrefix, PipelineConfig config, CancellationToken cancellationToken = default)
    {
        var identity = new StringBuilder(PipelineConfigLoader.ToJson(config)).Append('\n');
        await foreach (var blob in RunSources.ListAsync(blobs, sourcePrefix, cancellationToken))
        {
            identity.Append(blob.Ref.Name).Append('\t').Append(blob.Length).Append('\t').Append(blob.ETag).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString()));
        return $"{config.Dataset}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>Stores the pipeline and the run record (status Running) and returns the orchestration input.</summary>
    /// <param name="review">Whether the run's batches wait for human review (the default in Azure) or leave it pending.</param>
    public async Task<RunRequest> PrepareAsync(
        string runId, string sourcePrefix, PipelineConfig config, CancellationToken cancellationToken = default, ReviewMode review = ReviewMode.Wait)
    {
        await pipelines.SaveAsync(runId, config, cancellationToken);
        if (await records.GetRunAsync(runId, cancellationToken) is null)
        {
            try
            {
                await records.CreateRunAsync(new RunRecord(runId, config.Dataset, $"{Containers.Raw}/{sourcePrefix}", RunStatus.Running, clock.GetUtcNow()), cancellationToken);
            }
            catch (RecordConflictException)
            {
                // Another starter (a re-delivered event) created it first: the run exists, which is all this step needs.
            }
        }

        return new RunRequest(runId, config.Dataset, sourcePrefix, config.Batching.MaxParallelBatches, config.Batching.MaxAttempts, config.Annotations.Count > 0,
            review, config.Reviews.DeadlineMinutes);
    }
}

using System.Collections.Concurrent;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Loads a run's pipeline (stored as JSON beside the run when it starts) once per process and shares it between
/// activities, so filters and decoders are built once, not per batch.
/// </summary>
public sealed class PipelineCache(IBlobStore blobs)
{
    readonly ConcurrentDictionary<string, Lazy<Task<CompiledPipeline>>> _pipelines = new();

    /// <summary>Stores the pipeline a run will use. Called once, by whoever starts the run.</summary>
    public async Task SaveAsync(string runId, PipelineConfig config, CancellationToken cancellationToken = default)
    {
        var json = PipelineConfigLoader.ToJson(config);
        await blobs.WriteAsync(RunPaths.Pipeline(runId), System.Text.Encoding.UTF8.GetBytes(json), cancellationToken: cancellationToken);

        // A run restarted under the same id with a corrected pipeline must not keep the one cached from before.
        _pipelines.TryRemove(runId, out _);
    }

    public Task<CompiledPipeline> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        _pipelines.GetOrAdd(runId, id => new Lazy<Task<CompiledPipeline>>(() => LoadAsync(id, cancellationToken))).Value;

    async Task<CompiledPipeline> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(RunPaths.Pipeline(runId), cancellationToken: cancellationToken);
        using var reader = new StreamReader(stream);
        var config = PipelineConfigLoader.Parse(await reader.ReadToEndAsync(cancellationToken), isYaml: false, RunPaths.Pipeline(runId).ToString());
        return CompiledPipeline.Create(config);
    }
}

using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DataEngine.Functions.Uploads;

/// <summary>
/// Finds the pipeline for an upload: a pipeline.json / pipeline.yaml / pipeline.yml beside the uploaded blob (first found,
/// in that order), else <see cref="DefaultPipeline.For"/>. The dataset is always the upload's, whatever the file says.
/// </summary>
public sealed class PipelineBeside(IBlobStore blobs, ILogger<PipelineBeside> logger)
{
    /// <summary>A pipeline file is a few hundred bytes; anything this large is a mistake, not a config.</summary>
    const long MaxPipelineFileBytes = 1 << 20;

    /// <exception cref="PipelineConfigException">The pipeline file is invalid or too large.</exception>
    public async Task<PipelineConfig> LoadAsync(string blobName, string dataset, CancellationToken cancellationToken = default)
    {
        var folder = UploadKey.FolderOf(blobName);
        foreach (var fileName in UploadKey.PipelineFileNames)
        {
            var file = new BlobRef(Containers.Raw, folder + fileName);
            if (await blobs.GetInfoAsync(file, cancellationToken) is not { } info)
            {
                continue;
            }

            if (info.Length > MaxPipelineFileBytes)
            {
                throw new PipelineConfigException($"{file}: {info.Length:N0} bytes is too large for a pipeline config (at most {MaxPipelineFileBytes:N0}).");
            }

            string text;
            await using (var stream = await blobs.OpenReadAsync(file, cancellationToken: cancellationToken))
            using (var reader = new StreamReader(stream))
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }

            var config = PipelineConfigLoader.Parse(text, isYaml: !fileName.EndsWith(".json", StringComparison.Ordinal), file.ToString());
            if (config.Dataset != dataset && config.Dataset != new PipelineConfig().Dataset)
            {
                logger.LogWarning("{File} names dataset '{FileDataset}', but the upload's folder makes it '{Dataset}'; the folder wins.", file, config.Dataset, dataset);
            }

            return config with { Dataset = dataset };
        }

        return DefaultPipeline.For(dataset);
    }
}

using DataEngine.Core.Filters;
using DataEngine.Core.Readers;

namespace DataEngine.Core.Pipeline;

/// <summary>A checked pipeline config turned into the objects that run it: decoders and filter instances. Thread-safe.</summary>
public sealed class CompiledPipeline
{
    /// <summary>Names of pipeline config files that may sit among a run's inputs, in the order they are looked for.</summary>
    public static readonly IReadOnlyList<string> ConfigFileNames = ["pipeline.yaml", "pipeline.yml", "pipeline.json"];

    readonly DecoderRegistry _decoders;

    CompiledPipeline(PipelineConfig config, DecoderRegistry decoders, IReadOnlyList<ITextFilter> filters)
    {
        Config = config;
        _decoders = decoders;
        Filters = filters;
    }

    public PipelineConfig Config { get; }

    public IReadOnlyList<ITextFilter> Filters { get; }

    /// <summary>Builds every filter and decoder; any error in the config surfaces here, before a run starts.</summary>
    /// <exception cref="PipelineConfigException">An unknown filter, option or out-of-range threshold.</exception>
    public static CompiledPipeline Create(PipelineConfig config)
    {
        var filters = config.Filters
            .Select((step, i) =>
            {
                try
                {
                    return FilterCatalog.Create(step.Name, step.Options);
                }
                catch (PipelineConfigException ex)
                {
                    throw new PipelineConfigException($"filters[{i}]: {ex.Message}");
                }
            })
            .ToList();
        var decoders = new DecoderRegistry(new ReaderOptions(
            config.Reader.Format,
            config.Reader.TextField,
            config.Reader.Content == "mail" ? JsonlContent.Mail : JsonlContent.Text));
        return new CompiledPipeline(config, decoders, filters);
    }

    /// <summary>The decoder for a source name, or null when no reader handles its extension.</summary>
    public IItemDecoder? DecoderFor(string source) => _decoders.ForSource(source);

    /// <summary>
    /// True for a pipeline config file sitting among the inputs (pipeline.yaml, or a variant such as
    /// pipeline-annotate.yaml): it configures a run and is not an item.
    /// </summary>
    public static bool IsConfigFile(string blobName)
    {
        var fileName = blobName[(blobName.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return extension.ToLowerInvariant() is ".yaml" or ".yml" or ".json"
            && (stem.Equals("pipeline", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("pipeline-", StringComparison.OrdinalIgnoreCase));
    }
}

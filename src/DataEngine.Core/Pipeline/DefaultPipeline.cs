namespace DataEngine.Core.Pipeline;

/// <summary>The pipeline used when none is given: read by extension, web-text Gopher quality and repetition rules, exact dedup.</summary>
public static class DefaultPipeline
{
    public static PipelineConfig For(string dataset) => new()
    {
        Dataset = dataset,
        Filters = [new FilterStep("gopher_quality", null), new FilterStep("gopher_repetition", null)],
    };
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace DataEngine.Core.Pipeline;

/// <summary>
/// A curation pipeline as written in its config file (JSON or YAML, snake_case keys): which dataset, how to read,
/// how to batch, which filters in which order, whether to deduplicate, and which annotation tasks to run.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>Name of the dataset; exact dedup spans every run of the same dataset.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,62}$", ErrorMessage = "dataset must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit")]
    public string Dataset { get; init; } = "default";

    public ReaderConfig Reader { get; init; } = new();

    public BatchingConfig Batching { get; init; } = new();

    /// <summary>Filters in the order they run. Each entry names one filter from the catalog and its options.</summary>
    public IReadOnlyList<FilterStep> Filters { get; init; } = [];

    public DedupConfig Dedup { get; init; } = new();

    /// <summary>Annotation tasks run on the items that pass the filters, through the cascade of annotators.</summary>
    public IReadOnlyList<AnnotationTaskConfig> Annotations { get; init; } = [];

    /// <summary>Who reviews the items the cascade sends to humans, and the deadline.</summary>
    public ReviewsConfig Reviews { get; init; } = new();
}

/// <summary>How raw sources are read.</summary>
public sealed record ReaderConfig
{
    /// <summary>Force one format ("jsonl", "text", "html", "eml"); null picks by file extension.</summary>
    public string? Format { get; init; }

    /// <summary>For JSONL: the field that holds the text. Other fields become metadata.</summary>
    [Required]
    public string TextField { get; init; } = "text";

    /// <summary>For JSONL: what the text field holds, "text" or "mail" (a raw RFC 822 message).</summary>
    [RegularExpression("^(text|mail)$", ErrorMessage = "content must be 'text' or 'mail'")]
    public string Content { get; init; } = "text";

    /// <summary>Items larger than this are quarantined unread, so one huge line cannot exhaust memory.</summary>
    [Range(1, 1L << 31)]
    public long MaxItemBytes { get; init; } = 16L << 20;
}

/// <summary>How a run is cut into batches and how many run at once.</summary>
public sealed record BatchingConfig
{
    [Range(1, 100_000)]
    public int BatchSize { get; init; } = 500;

    /// <summary>At most this many batch sub-orchestrations run at once (bounded fan-out).</summary>
    [Range(1, 1_000)]
    public int MaxParallelBatches { get; init; } = 8;

    /// <summary>Attempts per activity before a batch counts as poison and is quarantined.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; init; } = 3;
}

/// <summary>Deduplication settings.</summary>
public sealed record DedupConfig
{
    /// <summary>Drop items whose normalised text equals an item kept earlier in this run or an earlier run of the dataset.</summary>
    public bool Exact { get; init; } = true;
}

/// <summary>One filter in the pipeline: its catalog name and its options as written.</summary>
public sealed record FilterStep(string Name, JsonElement? Options);

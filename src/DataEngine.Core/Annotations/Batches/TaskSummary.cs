namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// What the cascade did for one task in a run, over the accepted items: where their labels came from, what the
/// foundation tier cost, and what retraining the light heads did. The routes add up to <see cref="Items"/>.
/// </summary>
public sealed record TaskSummary
{
    public required string Task { get; init; }

    /// <summary>Accepted items annotated for the task.</summary>
    public long Items { get; init; }

    /// <summary>Items whose light label stands.</summary>
    public long Light { get; init; }

    /// <summary>Items whose foundation answer stands.</summary>
    public long Foundation { get; init; }

    /// <summary>Items sent to human review (they carry the best model label, low trust, until answered).</summary>
    public long Human { get; init; }

    /// <summary>Of the <see cref="Human"/> items, those whose reviewers' verdict stands; the rest are pending or fell back.</summary>
    public long Reviewed { get; init; }

    /// <summary>Median seconds a reviewer spent per answer in this run (0 when nobody answered).</summary>
    public double ReviewSecondsMedian { get; init; }

    /// <summary>Items no tier could label in this run.</summary>
    public long Unlabelled { get; init; }

    /// <summary>Labels that stand only because a better tier was out of budget or unsure.</summary>
    public long LowTrust { get; init; }

    /// <summary>Items the foundation model was asked about, and how many of those gave no usable answer.</summary>
    public long FoundationCalls { get; init; }

    public long FoundationFailures { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public decimal Cost { get; init; }

    /// <summary>Count per label among the labelled items.</summary>
    public IReadOnlyDictionary<string, long> Labels { get; init; } = new Dictionary<string, long>();

    /// <summary>The light heads retrained after the run (distillation), one line per tier; empty when nothing was trained.</summary>
    public IReadOnlyList<string> Retraining { get; init; } = [];

    public bool AddsUp => Items == Light + Foundation + Human + Unlabelled;
}

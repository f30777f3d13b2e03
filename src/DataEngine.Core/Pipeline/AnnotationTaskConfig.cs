using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;

namespace DataEngine.Core.Pipeline;

/// <summary>
/// One annotation task of a pipeline: what to label, the labels, the foundation model's instructions, where the task
/// stands in the SAM-style stages and how its cascade routes.
/// </summary>
public sealed record AnnotationTaskConfig
{
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,62}$", ErrorMessage = "task name must be 1-63 characters of a-z, 0-9 or '_', starting with a letter")]
    public string Name { get; init; } = "";

    public AnnotationKind Kind { get; init; } = AnnotationKind.Binary;

    /// <summary>The labels, in a fixed order (binary: negative first, then positive). Empty for score tasks.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>What the foundation model (and a human reviewer) is told the task is.</summary>
    [Required, MinLength(10, ErrorMessage = "instructions must say what the label means (at least 10 characters)")]
    public string Instructions { get; init; } = "";

    /// <summary>The stage the task starts in; QA moves it from there on measured accuracy.</summary>
    public AnnotationStage Stage { get; init; } = AnnotationStage.SemiAutomatic;

    public RoutingConfig Routing { get; init; } = new();

    public BudgetConfig Budget { get; init; } = new();

    /// <summary>How active learning picks the items people see when more want review than the human budget allows.</summary>
    public ReviewSelectionConfig ReviewSelection { get; init; } = new();
}

/// <summary>
/// Active learning for a task's human budget: when the cascade would send more items to people than the budget allows,
/// the strategy picks the most informative (the rest keep a model label, low trust, or stay unlabelled).
/// </summary>
public sealed record ReviewSelectionConfig
{
    /// <summary>Default: the most uncertain items by margin, then k-center on embeddings among them for diversity.</summary>
    public SelectionStrategy Strategy { get; init; } = SelectionStrategy.UncertaintyDiversity;

    /// <summary>The uncertainty measure of uncertainty_diversity: least_confidence, margin or entropy.</summary>
    public SelectionStrategy Uncertainty { get; init; } = SelectionStrategy.Margin;

    /// <summary>uncertainty_diversity runs k-center over this many times the budget of the most uncertain items.</summary>
    [Range(1, 100)]
    public int DiversityPoolFactor { get; init; } = 5;

    public SelectionPolicy Policy => new() { Strategy = Strategy, Uncertainty = Uncertainty, DiversityPoolFactor = DiversityPoolFactor };
}

/// <summary>Confidence thresholds of the cascade. The light model's label stands when its calibrated confidence reaches the threshold of the task's stage.</summary>
public sealed record RoutingConfig
{
    /// <summary>In <see cref="AnnotationStage.SemiAutomatic"/>: accept the light label at or above this confidence.</summary>
    [Range(0.5, 1.0)]
    public double SemiAutomaticAccept { get; init; } = 0.9;

    /// <summary>In <see cref="AnnotationStage.FullyAutomatic"/>: accept the light label at or above this confidence.</summary>
    [Range(0.5, 1.0)]
    public double FullyAutomaticAccept { get; init; } = 0.75;

    /// <summary>A foundation answer below this stated confidence goes on to a human, where the human budget allows.</summary>
    [Range(0.0, 1.0)]
    public double FoundationAccept { get; init; } = 0.6;

    /// <summary>Until the light head has been trained on this many labels, it is not trusted at all (everything escalates).</summary>
    [Range(0, 1_000_000)]
    public int MinTrainingLabels { get; init; } = 50;
}

/// <summary>What one run may spend on the expensive tiers of a task. Zero means none.</summary>
public sealed record BudgetConfig
{
    /// <summary>Items the foundation model may be asked about in one run.</summary>
    [Range(0, 10_000_000)]
    public int MaxFoundationItems { get; init; } = 1_000;

    /// <summary>Money the foundation model may cost in one run (0 = no money limit beyond the item cap).</summary>
    [Range(0.0, 1_000_000.0)]
    public double MaxFoundationCost { get; init; }

    /// <summary>Items humans may be asked about in one run.</summary>
    [Range(0, 10_000_000)]
    public int MaxHumanItems { get; init; } = 100;
}

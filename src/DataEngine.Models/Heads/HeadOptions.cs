using System.ComponentModel.DataAnnotations;

namespace DataEngine.Models.Heads;

/// <summary>How light heads are split, trained, promoted and scored (configuration section DataEngine:Models:Heads).</summary>
public sealed record HeadOptions : IValidatableObject
{
    public const string Section = "DataEngine:Models:Heads";

    /// <summary>Share of the labelled items the model is fitted on; the rest is split between calibration and test.</summary>
    [Range(0.3, 0.9)]
    public double TrainFraction { get; init; } = 0.70;

    /// <summary>Share used to fit the calibration (Platt or temperature); the remainder is the held-out test split.</summary>
    [Range(0.05, 0.35)]
    public double CalibrationFraction { get; init; } = 0.15;

    /// <summary>
    /// Seed of the split. Items go to a split by a hash of their id and this seed, so an item stays in the same split as
    /// labels accumulate; a head's test items were never training items of an earlier head with the same seed, which is
    /// what makes the promotion comparison fair.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Fewest labelled items a head is trained on.</summary>
    [Range(10, 1_000_000)]
    public int MinExamples { get; init; } = 30;

    /// <summary>Fewest items of each label a head is trained on.</summary>
    [Range(2, 1_000_000)]
    public int MinPerLabel { get; init; } = 5;

    /// <summary>L2 penalty of the logistic regression on embeddings (ML.NET's L-BFGS, summed over examples).</summary>
    [Range(0.0, 1000.0)]
    public float EmbeddingL2 { get; init; } = 0.01f;

    /// <summary>L2 penalty of the logistic regression on hashed n-grams.</summary>
    [Range(0.0, 1000.0)]
    public float NgramL2 { get; init; } = 0.1f;

    /// <summary>A task's first head is promoted only if its held-out macro-F1 reaches this.</summary>
    [Range(0.0, 1.0)]
    public double MinFirstHeadMacroF1 { get; init; } = 0.6;

    /// <summary>ONNX Runtime threads per head session. Heads are a matrix-vector product: one thread is plenty.</summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Head sessions kept loaded; older versions are released when more are loaded.</summary>
    [Range(1, 1024)]
    public int MaxLoadedHeads { get; init; } = 32;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TrainFraction + CalibrationFraction > 0.95)
        {
            yield return new ValidationResult(
                $"TrainFraction ({TrainFraction}) + CalibrationFraction ({CalibrationFraction}) must leave at least 5% of the items for the test split.",
                [nameof(TrainFraction), nameof(CalibrationFraction)]);
        }
    }
}

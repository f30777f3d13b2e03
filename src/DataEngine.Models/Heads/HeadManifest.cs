using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;

namespace DataEngine.Models.Heads;

/// <summary>
/// A stored head version (head.json beside its model blob): what it classifies, what it was trained on, how its scores
/// are calibrated and how it did on its held-out test split.
/// </summary>
public sealed record HeadManifest
{
    public int Schema { get; init; } = 1;

    public required string Dataset { get; init; }

    public required string Task { get; init; }

    public required LightTier Tier { get; init; }

    /// <summary>16 hex digits of SHA-256 over the training-set hash and the trainer's settings.</summary>
    public required string Version { get; init; }

    public required AnnotationKind Kind { get; init; }

    /// <summary>The labels, in the order of the model's outputs and of every prediction's probabilities.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>What the model reads: the embedder's model id, or the n-gram featurizer's id.</summary>
    public required string Features { get; init; }

    /// <summary>Length of a feature vector.</summary>
    public required int Dimensions { get; init; }

    /// <summary>The trainer and its settings (regularisation, split fractions and seed).</summary>
    public required string Trainer { get; init; }

    /// <summary>How items were split; heads with different splits are not compared on one test split.</summary>
    public required string Split { get; init; }

    /// <summary>SHA-256 over the sorted (item id, label) pairs and <see cref="Features"/>.</summary>
    public required string TrainingSetHash { get; init; }

    /// <summary>The model blob's name within the version's folder: content-addressed, so racing writers cannot mix models.</summary>
    public required string ModelBlob { get; init; }

    /// <summary><see cref="HeadModelFormats.Onnx"/> or <see cref="HeadModelFormats.NgramLinear"/>.</summary>
    public required string ModelFormat { get; init; }

    public required string ModelSha256 { get; init; }

    public required HeadCounts Counts { get; init; }

    public required HeadCalibration Calibration { get; init; }

    /// <summary>Calibrated probabilities on the test split.</summary>
    public required HeadMetrics HeldOut { get; init; }

    /// <summary>The same test split before calibration: how much calibration changed.</summary>
    public required HeadMetrics HeldOutUncalibrated { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Labelled items the head was built from (all splits).</summary>
    public int TrainingLabels => Counts.Train + Counts.Calibration + Counts.Test;
}

/// <summary>How many labelled items each split held, and how many of each label overall.</summary>
public sealed record HeadCounts(int Train, int Calibration, int Test, IReadOnlyDictionary<string, int> PerLabel);

/// <summary>The stored model formats of light heads.</summary>
public static class HeadModelFormats
{
    /// <summary>An ONNX graph (ML.NET export) scored through ONNX Runtime.</summary>
    public const string Onnx = "onnx";

    /// <summary>Sparse linear weights over hashed n-grams, scored in C# (<see cref="HashedNgrams.NgramModel"/>).</summary>
    public const string NgramLinear = "ngram-linear";
}

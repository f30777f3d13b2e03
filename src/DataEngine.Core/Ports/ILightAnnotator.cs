using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Ports;

/// <summary>
/// Port for the light tier of the cascade (DataEngine.Models): per-task classifier heads trained from the labels a
/// dataset has gathered, with calibrated probabilities. Two heads per task, cheapest first: hashed word n-grams of the
/// text (no embedding needed), then a head on sentence embeddings. Binary and multiclass tasks only; score tasks have
/// no light head. One instance per process: it caches the loaded heads. Safe to call from several threads.
/// </summary>
public interface ILightAnnotator
{
    /// <summary>Predicts with the dataset's promoted n-gram head for the task: one prediction per text, in input order.</summary>
    Task<LightPredictions> PredictTextsAsync(
        string dataset,
        AnnotationTaskConfig task,
        IReadOnlyList<string> texts,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Predicts with the dataset's promoted embedding head for the task. <paramref name="embeddings"/> holds
    /// <paramref name="rows"/> embeddings of <see cref="ITextEmbedder"/> <paramref name="embedderId"/>, row-major: row i
    /// is item i. A head trained on another embedder's vectors is not used (its predictions would be noise).
    /// </summary>
    Task<LightPredictions> PredictEmbeddingsAsync(
        string dataset,
        AnnotationTaskConfig task,
        string embedderId,
        ReadOnlyMemory<float> embeddings,
        int rows,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Trains a candidate head per tier from the labels gathered so far (examples with text train the n-gram head;
    /// examples with an embedding, when <paramref name="embedderId"/> is given, the embedding head), stores each as a
    /// version, and promotes it only if it beats the current head on the same held-out examples. The same labels give
    /// the same version, so a retry or a second call does nothing twice. Too few labels is an outcome, not an error;
    /// a score task gets no heads (an empty outcome).
    /// </summary>
    Task<LightTrainingOutcome> TrainAsync(
        string dataset,
        AnnotationTaskConfig task,
        IReadOnlyList<LightExample> examples,
        string? embedderId,
        CancellationToken cancellationToken = default);
}

/// <summary>The light tiers, cheapest first.</summary>
public enum LightTier
{
    /// <summary>Logistic regression on hashed word uni- and bigrams of the text.</summary>
    HashedNgrams,

    /// <summary>Logistic regression on sentence embeddings, scored through ONNX Runtime.</summary>
    Embedding,
}

/// <summary>
/// A light head's predictions for a batch. <see cref="By"/> is the head that answered (kind LightModel, its id and
/// version, for the annotations to record) and is null when the task has no usable promoted head yet: then every
/// prediction is null and <see cref="Reason"/> says why.
/// </summary>
/// <param name="TrainingLabels">How many labelled examples the head was trained on (0 without a head); the cascade
/// compares it with <see cref="RoutingConfig.MinTrainingLabels"/>.</param>
/// <param name="Predictions">One per input row, in input order; probabilities in the task's label order.</param>
public sealed record LightPredictions(
    LightTier Tier,
    Annotator? By,
    int TrainingLabels,
    IReadOnlyList<LabelPrediction?> Predictions,
    string? Reason = null);

/// <summary>One labelled item to train on: its final label, and its text and/or its embedding.</summary>
public sealed record LightExample(string ItemId, string Label, string? Text = null, ReadOnlyMemory<float> Embedding = default);

/// <summary>What training did, one entry per tier that had examples.</summary>
public sealed record LightTrainingOutcome(IReadOnlyList<LightHeadOutcome> Heads);

/// <summary>
/// What training one tier's head did. <see cref="Trained"/> is false when there were too few labels (see
/// <see cref="Reason"/>); <see cref="Reused"/> when this training set had been trained on before. Metrics are the
/// candidate's on its held-out test split, after calibration.
/// </summary>
public sealed record LightHeadOutcome(
    LightTier Tier,
    bool Trained,
    string? Version,
    bool Reused,
    bool Promoted,
    string? CurrentVersion,
    int TrainingLabels,
    double? MacroF1,
    double? LogLoss,
    double? ExpectedCalibrationError,
    string Reason);

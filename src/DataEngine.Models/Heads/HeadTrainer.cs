using System.Globalization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace DataEngine.Models.Heads;

/// <summary>
/// Trains a task's head on sentence embeddings: ML.NET L-BFGS logistic regression (binary) or maximum entropy
/// (multiclass) on the train split, exported to ONNX with a features-only schema, then calibrated and measured through
/// ONNX Runtime on the calibration and test splits, so the numbers describe exactly the graph that will be served.
/// </summary>
public sealed class HeadTrainer(HeadOptions options, TimeProvider clock)
{
    public const string Name = "mlnet-lbfgs-logistic/v1";

    /// <summary>The trainer and every setting that changes its result; part of the version id.</summary>
    public string TrainerId => string.Create(CultureInfo.InvariantCulture, $"{Name};l2={options.EmbeddingL2:R};{HeadVersion.SplitOf(options)}");

    /// <summary>Checks and splits the examples (see <see cref="HeadTrainingSet{T}"/>).</summary>
    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    internal HeadTrainingSet<HeadExample> Prepare(AnnotationTaskConfig task, IReadOnlyList<HeadExample> examples, string embedderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embedderId);
        if (examples.Count > 0)
        {
            var dimensions = examples[0].Embedding.Length;
            var odd = examples.FirstOrDefault(e => e.Embedding.Length != dimensions);
            if (dimensions == 0 || odd is not null)
            {
                throw new ArgumentException(
                    $"Every embedding must have the same, non-zero length: item '{examples[0].ItemId}' has {dimensions}" +
                    (odd is null ? "." : $", item '{odd.ItemId}' {odd.Embedding.Length}."), nameof(examples));
            }
        }

        return HeadTrainingSet<HeadExample>.Create(task, examples, embedderId, options);
    }

    internal string VersionOf(HeadTrainingSet<HeadExample> set) => HeadVersion.Of(set.Hash, TrainerId);

    /// <summary>Trains, exports, calibrates and measures a head; nothing is stored.</summary>
    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    public TrainedHead Train(string dataset, AnnotationTaskConfig task, IReadOnlyList<HeadExample> examples, string embedderId, CancellationToken cancellationToken = default) =>
        Train(dataset, Prepare(task, examples, embedderId), embedderId, cancellationToken);

    internal TrainedHead Train(string dataset, HeadTrainingSet<HeadExample> set, string embedderId, CancellationToken cancellationToken)
    {
        var (_, onnx) = Fit(set, cancellationToken);
        var classes = set.Labels.Count;
        var dimensions = set.Train[0].Item.Embedding.Length;
        using var head = new OnnxHead(onnx, dimensions, classes, options.IntraOpThreads);
        var (calibration, heldOut, uncalibrated) = HeadEvaluation.Evaluate(
            head.RawScores(Stack(set.Calibration), set.Calibration.Count), HeadTrainingSet<HeadExample>.LabelsOf(set.Calibration),
            head.RawScores(Stack(set.Test), set.Test.Count), HeadTrainingSet<HeadExample>.LabelsOf(set.Test),
            classes);
        var modelBlob = HeadStore.ModelBlobName(onnx, "onnx", out var sha);
        var manifest = new HeadManifest
        {
            Dataset = dataset,
            Task = set.Task.Name,
            Tier = LightTier.Embedding,
            Version = VersionOf(set),
            Kind = set.Task.Kind,
            Labels = [.. set.Labels],
            Features = embedderId,
            Dimensions = dimensions,
            Trainer = TrainerId,
            Split = HeadVersion.SplitOf(options),
            TrainingSetHash = set.Hash,
            ModelBlob = modelBlob,
            ModelFormat = HeadModelFormats.Onnx,
            ModelSha256 = sha,
            Counts = HeadEvaluation.Counts(set),
            Calibration = calibration,
            HeldOut = heldOut,
            HeldOutUncalibrated = uncalibrated,
            CreatedAt = clock.GetUtcNow(),
        };
        return new TrainedHead(manifest, onnx);
    }

    /// <summary>Fits the model on the train split and exports it; the ML.NET model is returned too, for checking the export.</summary>
    internal (ITransformer Model, byte[] Onnx) Fit(HeadTrainingSet<HeadExample> set, CancellationToken cancellationToken)
    {
        var dimensions = set.Train[0].Item.Embedding.Length;
        var ml = new MLContext(options.Seed);
        cancellationToken.ThrowIfCancellationRequested();
        var train = ml.Data.LoadFromEnumerable(
            set.Train.Select(p => new TrainingRow { Features = p.Item.Embedding.ToArray(), Label = (uint)p.Label, Positive = p.Label == 1 }),
            TrainingRow.Schema(dimensions, set.Labels.Count));

        // Single-threaded L-BFGS without L1: the same labels give the same weights, and a 384-d dense embedding has no
        // irrelevant coordinates for L1 to prune. Two labels (a binary task, or a multiclass task that has only two)
        // make a logistic regression with one margin, which Platt scaling calibrates.
        ITransformer model = set.Labels.Count == 2
            ? ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Positive),
                FeatureColumnName = nameof(TrainingRow.Features),
                L1Regularization = 0,
                L2Regularization = options.EmbeddingL2,
                NumberOfThreads = 1,
            }).Fit(train)
            : ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                L1Regularization = 0,
                L2Regularization = options.EmbeddingL2,
                NumberOfThreads = 1,
            }).Fit(train);

        // Exported against a schema of the features alone: with the label column present the graph would ask for it.
        var featuresOnly = ml.Data.LoadFromEnumerable([new FeatureRow { Features = new float[dimensions] }], FeatureRow.Schema(dimensions));
        using var onnx = new MemoryStream();
        ml.Model.ConvertToOnnx(model, featuresOnly, onnx, "Score");
        return (model, onnx.ToArray());
    }

    /// <summary>A split's embeddings as one row-major block.</summary>
    internal static float[] Stack(IReadOnlyList<(HeadExample Item, int Label)> part)
    {
        var dimensions = part.Count == 0 ? 0 : part[0].Item.Embedding.Length;
        var block = new float[part.Count * dimensions];
        for (var i = 0; i < part.Count; i++)
        {
            part[i].Item.Embedding.Span.CopyTo(block.AsSpan(i * dimensions, dimensions));
        }

        return block;
    }

    internal sealed class TrainingRow
    {
        public float[] Features { get; set; } = [];

        /// <summary>
        /// The label index in the task's order, for the multiclass trainer. Typed as a key: LoadFromEnumerable reads the
        /// field as a 0-based index and stores key index + 1 (a 1-based value here would shift every class by one).
        /// </summary>
        public uint Label { get; set; }

        /// <summary>The second label of a binary task.</summary>
        public bool Positive { get; set; }

        public static SchemaDefinition Schema(int dimensions, int classes)
        {
            var schema = SchemaDefinition.Create(typeof(TrainingRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
            return schema;
        }
    }

    internal sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema(int dimensions)
        {
            var schema = SchemaDefinition.Create(typeof(FeatureRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
            return schema;
        }
    }
}

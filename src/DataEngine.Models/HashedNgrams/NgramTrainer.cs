using System.Globalization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Models.Heads;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace DataEngine.Models.HashedNgrams;

/// <summary>
/// Trains a task's first-tier head on hashed n-grams of the text: ML.NET L-BFGS logistic regression (binary) or maximum
/// entropy (multiclass) on sparse vectors, its weights taken out into an <see cref="NgramModel"/>, then calibrated and
/// measured by that model (what will be served) on the calibration and test splits.
/// </summary>
public sealed class NgramTrainer(HeadOptions options, NgramFeaturizer featurizer, TimeProvider clock)
{
    public const string Name = "mlnet-lbfgs-logistic-sparse/v1";

    /// <summary>The trainer and every setting that changes its result; part of the version id.</summary>
    public string TrainerId => string.Create(CultureInfo.InvariantCulture, $"{Name};l2={options.NgramL2:R};{HeadVersion.SplitOf(options)}");

    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    internal HeadTrainingSet<NgramExample> Prepare(AnnotationTaskConfig task, IReadOnlyList<NgramExample> examples) =>
        HeadTrainingSet<NgramExample>.Create(task, examples, featurizer.Id, options);

    internal string VersionOf(HeadTrainingSet<NgramExample> set) => HeadVersion.Of(set.Hash, TrainerId);

    /// <summary>Trains, calibrates and measures a head; nothing is stored.</summary>
    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    public TrainedHead Train(string dataset, AnnotationTaskConfig task, IReadOnlyList<NgramExample> examples, CancellationToken cancellationToken = default) =>
        Train(dataset, Prepare(task, examples), cancellationToken);

    internal TrainedHead Train(string dataset, HeadTrainingSet<NgramExample> set, CancellationToken cancellationToken)
    {
        var (_, model) = Fit(set, cancellationToken);
        var classes = set.Labels.Count;
        var (calibration, heldOut, uncalibrated) = HeadEvaluation.Evaluate(
            NgramScorer.RawScores(model, featurizer, set.Calibration.Select(p => p.Item.Text).ToList()), HeadTrainingSet<NgramExample>.LabelsOf(set.Calibration),
            NgramScorer.RawScores(model, featurizer, set.Test.Select(p => p.Item.Text).ToList()), HeadTrainingSet<NgramExample>.LabelsOf(set.Test),
            classes);
        var bytes = model.Serialize();
        var modelBlob = HeadStore.ModelBlobName(bytes, "ngram", out var sha);
        var manifest = new HeadManifest
        {
            Dataset = dataset,
            Task = set.Task.Name,
            Tier = LightTier.HashedNgrams,
            Version = VersionOf(set),
            Kind = set.Task.Kind,
            Labels = [.. set.Labels],
            Features = featurizer.Id,
            Dimensions = featurizer.Dimensions,
            Trainer = TrainerId,
            Split = HeadVersion.SplitOf(options),
            TrainingSetHash = set.Hash,
            ModelBlob = modelBlob,
            ModelFormat = HeadModelFormats.NgramLinear,
            ModelSha256 = sha,
            Counts = HeadEvaluation.Counts(set),
            Calibration = calibration,
            HeldOut = heldOut,
            HeldOutUncalibrated = uncalibrated,
            CreatedAt = clock.GetUtcNow(),
        };
        return new TrainedHead(manifest, bytes);
    }

    /// <summary>Fits the linear model on the train split; the ML.NET model is returned too, for checking the weights taken out of it.</summary>
    internal (ITransformer Trained, NgramModel Model) Fit(HeadTrainingSet<NgramExample> set, CancellationToken cancellationToken)
    {
        var dimensions = featurizer.Dimensions;
        var ml = new MLContext(options.Seed);
        var train = ml.Data.LoadFromEnumerable(
            set.Train.Select(p => Featurize(p.Item.Text, p.Label, cancellationToken)).ToList(),
            SparseRow.Schema(dimensions, set.Labels.Count));
        if (set.Labels.Count == 2)
        {
            var trained = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(SparseRow.Positive),
                FeatureColumnName = nameof(SparseRow.Features),
                L1Regularization = 0,
                L2Regularization = options.NgramL2,
                NumberOfThreads = 1,
            }).Fit(train);
            var binary = trained.Model.SubModel;
            return (trained, new NgramModel(dimensions, 1, [.. binary.Weights], [binary.Bias]));
        }

        var fitted = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(SparseRow.Label),
            FeatureColumnName = nameof(SparseRow.Features),
            L1Regularization = 0,
            L2Regularization = options.NgramL2,
            NumberOfThreads = 1,
        }).Fit(train);
        var multiclass = fitted.Model;
        VBuffer<float>[] perClass = [];
        multiclass.GetWeights(ref perClass, out var classes);
        var dense = new float[dimensions * classes];
        for (var k = 0; k < classes; k++)
        {
            foreach (var (feature, weight) in perClass[k].Items())
            {
                dense[feature * classes + k] = weight;
            }
        }

        return (fitted, new NgramModel(dimensions, classes, dense, [.. multiclass.GetBiases()]));
    }

    /// <summary>One text as an ML.NET row: its hashed n-grams (sparse) and its label.</summary>
    internal SparseRow Featurize(string text, int label, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int[] indices = [];
        float[] values = [];
        var n = featurizer.Featurize(text, ref indices, ref values);
        return new SparseRow
        {
            Features = new VBuffer<float>(featurizer.Dimensions, n, values[..n], indices[..n]),
            Label = (uint)label,
            Positive = label == 1,
        };
    }

    internal sealed class SparseRow
    {
        public VBuffer<float> Features { get; set; }

        /// <summary>The label index in the task's order, for the multiclass trainer (0-based: see <see cref="Heads.HeadTrainer"/>).</summary>
        public uint Label { get; set; }

        /// <summary>The second label of a binary task.</summary>
        public bool Positive { get; set; }

        public static SchemaDefinition Schema(int dimensions, int classes)
        {
            var schema = SchemaDefinition.Create(typeof(SparseRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
            return schema;
        }
    }
}

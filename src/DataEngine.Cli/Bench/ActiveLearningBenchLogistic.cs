using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The embedding head of `bench active-learning`: ML.NET L-BFGS logistic regression (two labels) or maximum entropy (more),
/// with the engine's embedding-head settings (no L1, the same L2, one thread), fitted on every labelled vector. The engine's
/// <c>HeadTrainer</c> is not used here: it holds out 30% of the labels for calibration and test and exports ONNX on every
/// call, where the bench needs a head on all its labels each round (its test half is the held-out set) in milliseconds.
/// The fitted weights are read out and applied directly, so scoring the pool costs one dot product per item and label.
/// </summary>
sealed class ActiveLearningBenchLogistic
{
    readonly float[] _weights;
    readonly float[] _biases;
    readonly int _classes;
    readonly int _dimensions;

    ActiveLearningBenchLogistic(float[] weights, float[] biases, int classes, int dimensions)
    {
        _weights = weights;
        _biases = biases;
        _classes = classes;
        _dimensions = dimensions;
    }

    /// <summary>Fits a head on <paramref name="vectors"/> and their label indices; null when they hold fewer than two labels.</summary>
    public static ActiveLearningBenchLogistic? Fit(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, int classes, float l2)
    {
        if (labels.Distinct().Count() < 2)
        {
            return null;
        }

        var dimensions = vectors[0].Length;
        var ml = new MLContext(seed: 0);
        var examples = vectors.Select((vector, i) => new Example { Features = vector, Label = (uint)labels[i], Positive = labels[i] == 1 });
        var data = ml.Data.LoadFromEnumerable(examples, Example.Schema(dimensions, classes));
        if (classes == 2)
        {
            var binary = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(Example.Positive),
                FeatureColumnName = nameof(Example.Features),
                L1Regularization = 0,
                L2Regularization = l2,
                NumberOfThreads = 1,
            }).Fit(data).Model.SubModel;

            // One margin for the second label; the first label's score is fixed at 0, so a softmax over the two is the sigmoid.
            var weights = new float[2 * dimensions];
            binary.Weights.ToArray().CopyTo(weights, dimensions);
            return new ActiveLearningBenchLogistic(weights, [0, binary.Bias], 2, dimensions);
        }

        var multiclass = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Example.Label),
            FeatureColumnName = nameof(Example.Features),
            L1Regularization = 0,
            L2Regularization = l2,
            NumberOfThreads = 1,
        }).Fit(data).Model;
        VBuffer<float>[] perClass = [];
        multiclass.GetWeights(ref perClass, out var count);
        var dense = new float[classes * dimensions];
        for (var c = 0; c < Math.Min(count, classes); c++)
        {
            perClass[c].CopyTo(dense.AsSpan(c * dimensions, dimensions));
        }

        var biases = new float[classes];
        multiclass.GetBiases().Take(classes).ToArray().CopyTo(biases, 0);
        return new ActiveLearningBenchLogistic(dense, biases, classes, dimensions);
    }

    /// <summary>Row-major probabilities, one per label, for each of <paramref name="vectors"/>.</summary>
    public float[] Probabilities(IReadOnlyList<float[]> vectors)
    {
        var result = new float[vectors.Count * _classes];
        var scores = new double[_classes];
        for (var i = 0; i < vectors.Count; i++)
        {
            var x = vectors[i].AsSpan(0, _dimensions);
            var max = double.NegativeInfinity;
            for (var c = 0; c < _classes; c++)
            {
                scores[c] = _biases[c] + Dot(x, _weights.AsSpan(c * _dimensions, _dimensions));
                max = Math.Max(max, scores[c]);
            }

            double sum = 0;
            for (var c = 0; c < _classes; c++)
            {
                scores[c] = Math.Exp(scores[c] - max);
                sum += scores[c];
            }

            for (var c = 0; c < _classes; c++)
            {
                result[(i * _classes) + c] = (float)(scores[c] / sum);
            }
        }

        return result;
    }

    static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    sealed class Example
    {
        public float[] Features { get; set; } = [];

        /// <summary>The label index, for the multiclass trainer: LoadFromEnumerable reads a key field as a 0-based index.</summary>
        public uint Label { get; set; }

        /// <summary>The second label, for the binary trainer.</summary>
        public bool Positive { get; set; }

        public static SchemaDefinition Schema(int dimensions, int classes)
        {
            var schema = SchemaDefinition.Create(typeof(Example));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
            schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
            return schema;
        }
    }
}

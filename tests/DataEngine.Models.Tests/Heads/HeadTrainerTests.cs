using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using DataEngine.Models.Heads;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataEngine.Models.Tests.Heads;

public sealed class HeadTrainerTests
{
    static readonly HeadOptions Options = new();
    readonly HeadTrainer _trainer = new(Options, TimeProvider.System);

    [Fact]
    public void A_head_on_separable_embeddings_is_accurate_and_records_its_splits()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 100, spread: 0.05);

        var head = _trainer.Train("mail", task, examples, "fake-embedder").Manifest;

        Assert.True(head.HeldOut.Accuracy >= 0.97, $"accuracy {head.HeldOut.Accuracy}");
        Assert.True(head.HeldOut.MacroF1 >= 0.97, $"macro-F1 {head.HeldOut.MacroF1}");
        Assert.Equal(HeadCalibration.Platt, head.Calibration.Method);
        Assert.Equal(LightTier.Embedding, head.Tier);
        Assert.Equal(["ham", "spam"], head.Labels);
        Assert.Equal(200, head.TrainingLabels);
        Assert.Equal(100, head.Counts.PerLabel["spam"]);
        Assert.Equal(head.Counts.Test, head.HeldOut.Examples);
        // The hash split lands near 70/15/15 without being exact.
        Assert.InRange(head.Counts.Train, 120, 160);
        Assert.InRange(head.Counts.Test, 15, 45);
        Assert.Equal(Synthetic.Dimensions, head.Dimensions);
    }

    [Fact]
    public void A_multiclass_head_puts_each_label_where_the_task_lists_it()
    {
        var task = Synthetic.Multiclass("sports", "politics", "tech", "health");
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 50, spread: 0.05);

        var head = _trainer.Train("news", task, examples, "fake-embedder").Manifest;

        // A label shifted by one class (an off-by-one in the key column) would score near zero here.
        Assert.True(head.HeldOut.Accuracy >= 0.97, $"accuracy {head.HeldOut.Accuracy}");
        Assert.Equal(HeadCalibration.Temperature, head.Calibration.Method);
        Assert.Equal(task.Labels, head.Labels);
    }

    [Fact]
    public void A_multiclass_task_with_two_labels_gets_a_binary_head()
    {
        var task = Synthetic.Multiclass("no", "yes");
        var head = _trainer.Train("mail", task, Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.05), "fake-embedder").Manifest;

        Assert.Equal(HeadCalibration.Platt, head.Calibration.Method);
        Assert.True(head.HeldOut.Accuracy >= 0.97, $"accuracy {head.HeldOut.Accuracy}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_onnx_export_scores_what_mlnet_scores(int classes)
    {
        var task = classes == 2 ? Synthetic.Binary() : Synthetic.Multiclass("a", "b", "c", "d");
        var set = _trainer.Prepare(task, Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.3), "fake-embedder");
        var (model, onnx) = _trainer.Fit(set, CancellationToken.None);
        var test = set.Test.Concat(set.Calibration).ToList();

        var ml = new MLContext();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(
            test.Select(p => new HeadTrainer.FeatureRow { Features = p.Item.Embedding.ToArray() }),
            HeadTrainer.FeatureRow.Schema(Synthetic.Dimensions)));
        var expected = classes == 2
            ? scored.GetColumn<float>("Score").ToArray()
            : scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
        using var head = new OnnxHead(onnx, Synthetic.Dimensions, classes, intraOpThreads: 1);
        var raw = head.RawScores(HeadTrainer.Stack(test), test.Count);
        // Multiclass raw scores are log-probabilities; ML.NET's multiclass score is the probabilities.
        var actual = classes == 2 ? raw : raw.Select(MathF.Exp).ToArray();

        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Select(Math.Abs).Max() > 0.01, "scores should not all be zero");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"score {i}: ML.NET {expected[i]}, ONNX {actual[i]}");
        }
    }

    [Theory]
    [InlineData(2, HeadCalibration.Platt)]
    [InlineData(4, HeadCalibration.Temperature)]
    public void Calibration_repairs_a_head_trained_on_another_distribution(int classes, string method)
    {
        // Training items are tight clusters, calibration and test items a noisier source: the raw model is sure of
        // itself on the new source and wrong often enough that its confidence means little.
        var task = classes == 2 ? Synthetic.Binary() : Synthetic.Multiclass("a", "b", "c", "d");
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 300 / classes, spread: 0.02,
            spreadFor: id => HeadSplit.Assign(id, Options) == HeadSplitPart.Train ? 0.02 : 0.45);

        var head = _trainer.Train("mail", task, examples, "fake-embedder").Manifest;

        Assert.Equal(method, head.Calibration.Method);
        Assert.True(head.HeldOutUncalibrated.ExpectedCalibrationError > 0.1, $"raw ECE {head.HeldOutUncalibrated.ExpectedCalibrationError}");
        Assert.True(
            head.HeldOut.ExpectedCalibrationError < head.HeldOutUncalibrated.ExpectedCalibrationError / 2,
            $"ECE {head.HeldOutUncalibrated.ExpectedCalibrationError:F3} -> {head.HeldOut.ExpectedCalibrationError:F3}");
        Assert.True(head.HeldOut.LogLoss < head.HeldOutUncalibrated.LogLoss, $"log loss {head.HeldOutUncalibrated.LogLoss:F3} -> {head.HeldOut.LogLoss:F3}");
    }

    [Fact]
    public void Too_few_labels_is_a_clear_error_naming_the_minimum()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 20, spread: 0.05).Where(e => e.Label == "ham" || e.ItemId.CompareTo("item-0003") < 0).ToList();

        var error = Assert.Throws<NotEnoughLabelsException>(() => _trainer.Train("mail", task, examples, "fake-embedder"));

        Assert.Contains("at least 30 labelled items with at least 5 of each label", error.Message);
        Assert.Contains("it has 23 (ham 20, spam 3)", error.Message);
    }

    [Fact]
    public void Labels_outside_the_task_repeated_items_and_score_tasks_are_refused()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 20, spread: 0.05);

        var unknown = Assert.Throws<ArgumentException>(() => _trainer.Train("mail", task, [.. examples, examples[0] with { ItemId = "x", Label = "eggs" }], "e"));
        var repeated = Assert.Throws<ArgumentException>(() => _trainer.Train("mail", task, [.. examples, examples[0]], "e"));
        var score = Assert.Throws<ArgumentException>(() => _trainer.Train("mail", task with { Kind = AnnotationKind.Score, Labels = [] }, examples, "e"));

        Assert.Contains("label 'eggs', which is not one of task 'spam''s labels (ham, spam)", unknown.Message);
        Assert.Contains($"Item '{examples[0].ItemId}' appears more than once", repeated.Message);
        Assert.Contains("score task", score.Message);
    }
}

using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DataEngine.Models.Tests.Heads;

public sealed class NgramTests
{
    readonly NgramFeaturizer _featurizer = new();

    [Fact]
    public void Featurizing_ignores_case_and_punctuation_and_gives_a_unit_vector()
    {
        var a = Features("Cheap meds, CHEAP meds!");
        var b = Features("cheap   meds cheap meds");
        var c = Features("meds cheap meds cheap");

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
        // Same words, other bigrams: not the same vector.
        Assert.NotEqual(a.Values, c.Values);
        Assert.Equal(1.0, Math.Sqrt(a.Values.Sum(v => (double)v * v)), precision: 5);
        // "cheap", "meds" and the bigrams "cheap meds", "meds cheap"; "cheap meds" twice weighs more.
        Assert.Equal(4, a.Indices.Length);
        Assert.True(a.Indices.SequenceEqual(a.Indices.Order()));
        Assert.Empty(Features(" ,.- ").Indices);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_head_on_word_soups_learns_the_words_that_carry_the_label(int classes)
    {
        var task = classes == 2 ? Synthetic.Binary() : Synthetic.Multiclass("a", "b", "c");
        var trainer = new NgramTrainer(new HeadOptions(), _featurizer, TimeProvider.System);

        var head = trainer.Train("mail", task, Synthetic.Texts(task.Labels, perLabel: 100, signal: 0.3)).Manifest;

        Assert.True(head.HeldOut.MacroF1 >= 0.9, $"macro-F1 {head.HeldOut.MacroF1}");
        Assert.Equal(HeadModelFormats.NgramLinear, head.ModelFormat);
        Assert.Equal(_featurizer.Id, head.Features);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_weights_taken_out_of_mlnet_score_what_mlnet_scores(int classes)
    {
        var task = classes == 2 ? Synthetic.Binary() : Synthetic.Multiclass("a", "b", "c");
        var trainer = new NgramTrainer(new HeadOptions(), _featurizer, TimeProvider.System);
        var set = trainer.Prepare(task, Synthetic.Texts(task.Labels, perLabel: 40, signal: 0.1));
        var (trained, model) = trainer.Fit(set, CancellationToken.None);
        var test = set.Test.Concat(set.Calibration).ToList();

        var ml = new MLContext();
        var scored = trained.Transform(ml.Data.LoadFromEnumerable(
            test.Select(p => trainer.Featurize(p.Item.Text, p.Label)), NgramTrainer.SparseRow.Schema(_featurizer.Dimensions, classes)));
        var expected = classes == 2
            ? scored.GetColumn<float>("Score").ToArray()
            : scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();
        var raw = NgramScorer.RawScores(model, _featurizer, test.Select(p => p.Item.Text).ToList());
        // Multiclass raw scores are logits; ML.NET's multiclass score is their softmax.
        var actual = classes == 2 ? raw : HeadCalibration.Identity.ApplyAll(raw, classes);

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"score {i}: ML.NET {expected[i]}, C# {actual[i]}");
        }
    }

    [Fact]
    public void A_model_survives_serialization_and_a_truncated_one_is_refused()
    {
        var weights = new float[256 * 3];
        weights[5 * 3 + 1] = 0.5f;
        weights[200 * 3 + 2] = -1.25f;
        var model = new NgramModel(256, 3, weights, [0.1f, -0.2f, 0.3f]);

        var bytes = model.Serialize();
        var copy = NgramModel.Deserialize(bytes);

        Assert.Equal(4 * (5 + 3) + 2 * 4 * (1 + 3), bytes.Length);
        Assert.Equal(0.5f, copy.Weight(5, 1));
        Assert.Equal(-1.25f, copy.Weight(200, 2));
        Assert.Equal(0f, copy.Weight(6, 0));
        Assert.Equal(-0.2f, copy.Bias(1));
        Assert.Throws<InvalidDataException>(() => NgramModel.Deserialize(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Throws<InvalidDataException>(() => NgramModel.Deserialize(new byte[16]));
    }

    (int[] Indices, float[] Values) Features(string text)
    {
        int[] indices = [];
        float[] values = [];
        var n = _featurizer.Featurize(text, ref indices, ref values);
        return (indices[..n], values[..n]);
    }
}

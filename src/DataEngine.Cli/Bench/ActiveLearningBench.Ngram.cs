using DataEngine.Core.Pipeline;
using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Bench;

sealed partial class ActiveLearningBench
{
    /// <summary>`--features ngram`: the engine's hashed n-gram head and, for k-center, a signed fold of its features.</summary>
    (Data Data, Dictionary<string, object?> Features) PrepareNgram(
        AnnotationTaskConfig task, List<ModelBench.LabelledItem> poolItems, List<ModelBench.LabelledItem> testItems, IServiceProvider services)
    {
        var trainer = services.GetRequiredService<NgramTrainer>();
        var featurizer = services.GetRequiredService<NgramFeaturizer>();
        var labels = task.Labels.ToList();
        var data = new Data(task, Featurize(poolItems, labels, featurizer), Featurize(testItems, labels, featurizer), (pool, labelled) => TrainNgram(trainer, task, pool, labelled));
        var features = new Dictionary<string, object?>
        {
            ["kind"] = "ngram",
            ["head"] = $"hashed word uni+bigram logistic head trained by the engine's NgramTrainer ({trainer.TrainerId}); it fits on its own 70% train split of the labels and calibrates on 15%",
            ["diversity"] = $"k-center on a signed {1 << options.SketchBits}-d fold of the same hashed n-gram features (cosine distance)",
        };
        return (data, features);
    }

    Row[] Featurize(List<ModelBench.LabelledItem> items, List<string> labels, NgramFeaturizer featurizer) =>
        items.Select(item =>
        {
            int[] indices = [];
            float[] values = [];
            var n = featurizer.Featurize(item.Text, ref indices, ref values);
            return new Row(item.Id, item.Text, labels.IndexOf(item.Label), indices[..n], values[..n], Sketch(indices.AsSpan(0, n), values.AsSpan(0, n), options.SketchBits));
        }).ToArray();

    /// <summary>
    /// The hashed features folded again into 2^bits signed buckets (the hashing trick once more, Weinberger et al. 2009): a
    /// small dense vector whose cosine approximates the full one's, cheap enough for k-center's many distances.
    /// </summary>
    static float[] Sketch(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, int bits)
    {
        var sketch = new float[1 << bits];
        for (var i = 0; i < indices.Length; i++)
        {
            var h = (uint)indices[i] * 0x9E3779B1u;
            sketch[h >> (32 - bits)] += (h & 0x100) == 0 ? values[i] : -values[i];
        }

        return sketch;
    }

    /// <summary>The engine's n-gram head on the given pool rows, or null when they are too few for its splits.</summary>
    static Head? TrainNgram(NgramTrainer trainer, AnnotationTaskConfig task, Row[] pool, IReadOnlyList<int> labelled)
    {
        var examples = labelled.Select(i => new NgramExample(pool[i].Id, task.Labels[pool[i].Label], pool[i].Text)).ToList();
        TrainedHead trained;
        try
        {
            trained = trainer.Train("bench", task, examples);
        }
        catch (NotEnoughLabelsException)
        {
            return null;
        }

        var model = NgramModel.Deserialize(trained.Model);
        var calibration = trained.Manifest.Calibration;
        var classes = task.Labels.Count;
        return new Head(rows =>
        {
            var raw = new float[rows.Length * model.Outputs];
            for (var r = 0; r < rows.Length; r++)
            {
                model.RawScores(rows[r].Indices, rows[r].Values, raw.AsSpan(r * model.Outputs, model.Outputs));
            }

            return calibration.ApplyAll(raw, classes);
        });
    }
}

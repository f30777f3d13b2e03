using System.Diagnostics;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Pipeline;
using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench active-learning`: how many human labels each selection strategy needs before the light n-gram head reaches a
/// target F1, against random selection. Half the corpus (by a hash of the item id, as in `bench models`) is the pool a
/// simulated reviewer labels from `label`; the other half is the test set. Each run starts from a few random labels
/// (half of each label), then rounds: train the head through the engine's trainer, score the pool, pick a batch with
/// <see cref="ActiveLearningSelector"/> under the run's human budget, reveal those labels. Repeated over seeds; medians.
/// </summary>
sealed partial class ActiveLearningBench(BenchCorpus corpus, ActiveLearningBenchOptions options)
{
    /// <summary>Runs the simulation and returns the JSON summary; writes the plot to <see cref="ActiveLearningBenchOptions.PlotPath"/>.</summary>
    public Dictionary<string, object?> Run(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var items = ModelBench.LabelledItems(corpus);
        var labels = items.Select(i => i.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new InvalidOperationException($"Active learning needs a corpus with at least two labels in `label`; {corpus.Path} has {labels.Count}.");
        }

        var task = new AnnotationTaskConfig
        {
            Name = "label",
            Kind = labels.Count == 2 ? AnnotationKind.Binary : AnnotationKind.Multiclass,
            Labels = labels,
            Instructions = "The corpus's `label`.",
        };
        using var services = new ServiceCollection().AddDataEngineLightHeads(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var trainer = services.GetRequiredService<NgramTrainer>();
        var featurizer = services.GetRequiredService<NgramFeaturizer>();
        var (poolItems, testItems) = ModelBench.Split(items);
        var data = new Data(task, Featurize(poolItems, labels, featurizer), Featurize(testItems, labels, featurizer));
        var prepareSeconds = clock.Elapsed.TotalSeconds;

        // The reference: a head trained by the same trainer on every labelled pool item.
        var full = Train(trainer, data, Enumerable.Range(0, data.Pool.Length)) ?? throw new InvalidOperationException("The full pool is too small to train a head.");
        var fullF1 = F1(full, data);
        var target = options.TargetShare * fullF1;

        var jobs = options.Strategies.SelectMany(s => Enumerable.Range(1, options.Seeds).Select(seed => (Strategy: s, Seed: seed))).ToList();
        var curves = new ActiveLearningBenchCurve[jobs.Count];
        var loop = Stopwatch.StartNew();
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            j => curves[j] = Simulate(trainer, data, jobs[j].Strategy, jobs[j].Seed, cancellationToken));
        var loopSeconds = loop.Elapsed.TotalSeconds;

        var summary = Summarise(curves, target);
        var plotPath = Path.GetFullPath(options.PlotPath);
        ActiveLearningBenchPlot.Write(plotPath, summary.Curves, target, fullF1, options.MaxLabels);
        return new Dictionary<string, object?>
        {
            ["bench"] = "active-learning",
            ["corpus"] = Path.GetFullPath(corpus.Path),
            ["items"] = items.Count,
            ["pool"] = data.Pool.Length,
            ["test"] = data.Test.Length,
            ["labels"] = labels,
            ["head"] = $"hashed word uni+bigram logistic head trained by the engine's NgramTrainer ({trainer.TrainerId}); it fits on its own 70% train split of the labels and calibrates on 15%",
            ["diversityFeatures"] = $"k-center on a signed {1 << options.SketchBits}-d fold of the same hashed n-gram features (cosine distance)",
            ["reviewer"] = "simulated: answers each picked item from its `label`, never wrong",
            ["metric"] = "macro-F1 of the head on the test half",
            ["fullPool"] = new Dictionary<string, object> { ["labels"] = data.Pool.Length, ["macroF1"] = Stats.Round(fullF1, 4) },
            ["targetShare"] = options.TargetShare,
            ["targetF1"] = Stats.Round(target, 4),
            ["seeds"] = options.Seeds,
            ["seedLabels"] = options.SeedLabels,
            ["batchSize"] = options.BatchSize,
            ["maxLabels"] = options.MaxLabels,
            ["diversityPoolFactor"] = options.PoolFactor,
            ["statistic"] = "median over seeds",
            ["strategies"] = summary.Strategies,
            ["best"] = summary.Best,
            ["goal"] = "best strategy needs <= 0.3x the labels random needs to reach the target F1",
            ["meetsGoal"] = summary.MeetsGoal,
            ["curves"] = summary.Curves.ToDictionary(c => c.Key, c => c.Value.Select(p => new[] { p.Labels, Stats.Round(p.F1, 4) }).ToList()),
            ["plot"] = plotPath,
            ["seconds"] = new Dictionary<string, object>
            {
                ["prepare"] = Stats.Round(prepareSeconds, 1),
                ["simulations"] = Stats.Round(loopSeconds, 1),
                ["total"] = Stats.Round(clock.Elapsed.TotalSeconds, 1),
            },
            ["cores"] = Environment.ProcessorCount,
        };
    }

    /// <summary>One pool or test item ready for the head and for k-center: its sparse features, their sketch, its label index.</summary>
    sealed record Row(string Id, string Text, int Label, int[] Indices, float[] Values, float[] Sketch);

    sealed record Data(AnnotationTaskConfig Task, Row[] Pool, Row[] Test)
    {
        public IReadOnlyList<string> Labels => Task.Labels;
    }

    sealed record Head(NgramModel Model, HeadCalibration Calibration);

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
    static Head? Train(NgramTrainer trainer, Data data, IEnumerable<int> labelled)
    {
        var examples = labelled.Select(i => new NgramExample(data.Pool[i].Id, data.Labels[data.Pool[i].Label], data.Pool[i].Text)).ToList();
        try
        {
            var head = trainer.Train("bench", data.Task, examples);
            return new Head(NgramModel.Deserialize(head.Model), head.Manifest.Calibration);
        }
        catch (NotEnoughLabelsException)
        {
            return null;
        }
    }

    static float[] Probabilities(Head head, Row[] rows, int classes)
    {
        var raw = new float[rows.Length * head.Model.Outputs];
        for (var r = 0; r < rows.Length; r++)
        {
            head.Model.RawScores(rows[r].Indices, rows[r].Values, raw.AsSpan(r * head.Model.Outputs, head.Model.Outputs));
        }

        return head.Calibration.ApplyAll(raw, classes);
    }

    static double F1(Head? head, Data data) => head is null
        ? 0
        : HeadMetrics.Compute(Probabilities(head, data.Test, data.Labels.Count), data.Labels.Count, data.Test.Select(r => r.Label).ToArray()).MacroF1;
}

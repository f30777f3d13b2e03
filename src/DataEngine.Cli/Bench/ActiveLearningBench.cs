using System.Diagnostics;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Pipeline;
using DataEngine.Models.Heads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench active-learning`: how many human labels each selection strategy needs before a light head reaches a target F1,
/// against random selection. The head is a logistic head on MiniLM embeddings (default) or the engine's n-gram head, and
/// k-center compares the same features. Half the corpus (by a hash of the item id, as in `bench models`) is the pool a
/// simulated reviewer labels from `label`; the other half is the test set. Each run starts from a few random labels
/// (an equal share of each label), then rounds: train the head, score the pool, pick a batch with
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
        var (poolItems, testItems) = ModelBench.Split(items);
        using var services = new ServiceCollection().AddDataEngineLightHeads(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var (data, features) = options.Features == ActiveLearningBenchFeatures.Embedding
            ? PrepareEmbedding(task, poolItems, testItems, services.GetRequiredService<HeadOptions>(), cancellationToken)
            : PrepareNgram(task, poolItems, testItems, services);
        var prepareSeconds = clock.Elapsed.TotalSeconds;

        // The reference: a head trained the same way on every labelled pool item.
        var full = data.Train(data.Pool, Enumerable.Range(0, data.Pool.Length).ToList()) ?? throw new InvalidOperationException("The full pool is too small to train a head.");
        var fullF1 = F1(full, data);
        var target = options.TargetShare * fullF1;

        var jobs = options.Strategies.SelectMany(s => Enumerable.Range(1, options.Seeds).Select(seed => (Strategy: s, Seed: seed))).ToList();
        var curves = new ActiveLearningBenchCurve[jobs.Count];
        var loop = Stopwatch.StartNew();
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            j => curves[j] = Simulate(data, jobs[j].Strategy, jobs[j].Seed, cancellationToken));
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
            ["features"] = features,
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

    /// <summary>
    /// One pool or test item ready for the head and for k-center: its label index, its sparse n-gram features (empty for
    /// the embedding head) and the dense vector k-center compares (the n-gram sketch or the MiniLM embedding).
    /// </summary>
    sealed record Row(string Id, string Text, int Label, int[] Indices, float[] Values, float[] Vector);

    /// <summary>The task, the two halves, and how a head is trained on some pool rows (null when they are too few).</summary>
    sealed record Data(AnnotationTaskConfig Task, Row[] Pool, Row[] Test, Func<Row[], IReadOnlyList<int>, Head?> Train)
    {
        public IReadOnlyList<string> Labels => Task.Labels;
    }

    /// <summary>A trained head: row-major label probabilities for any rows.</summary>
    sealed record Head(Func<Row[], float[]> Probabilities);

    static double F1(Head? head, Data data) => head is null
        ? 0
        : HeadMetrics.Compute(head.Probabilities(data.Test), data.Labels.Count, data.Test.Select(r => r.Label).ToArray()).MacroF1;
}

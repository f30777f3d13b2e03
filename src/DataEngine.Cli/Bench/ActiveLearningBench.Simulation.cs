using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Pipeline;

namespace DataEngine.Cli.Bench;

sealed partial class ActiveLearningBench
{
    /// <summary>Reasons kept from the first active round of each run, to show in the JSON what the selector says.</summary>
    const int ReasonsShown = 3;

    static readonly double[] StricterShares = [0.97, 0.99];

    /// <summary>One run of one strategy: seed labels, then train → score → select → reveal until the human budget is spent.</summary>
    ActiveLearningBenchCurve Simulate(Data data, SelectionStrategy strategy, int seed, CancellationToken cancellationToken)
    {
        var labelled = SeedSet(data, seed);
        var isLabelled = new bool[data.Pool.Length];
        labelled.ForEach(i => isLabelled[i] = true);
        var budget = new CascadeBudget(new BudgetConfig { MaxHumanItems = Math.Max(0, options.MaxLabels - labelled.Count) });
        var policy = new SelectionPolicy { Strategy = strategy, Uncertainty = SelectionStrategy.Margin, DiversityPoolFactor = options.PoolFactor };
        var classes = data.Labels.Count;
        var points = new List<(int, double)>();
        var reasons = new List<string>();
        for (var round = 0; ; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var head = data.Train(data.Pool, labelled);
            points.Add((labelled.Count, F1(head, data)));
            if (!budget.CanReserveHuman)
            {
                break;
            }

            var probabilities = head is null ? null : head.Probabilities(data.Pool);
            var candidates = new List<Candidate>(data.Pool.Length - labelled.Count);
            var index = new List<int>(candidates.Capacity);
            for (var i = 0; i < data.Pool.Length; i++)
            {
                if (!isLabelled[i])
                {
                    var light = probabilities is null ? null : new LabelPrediction(data.Labels, probabilities.AsSpan(i * classes, classes).ToArray());
                    candidates.Add(new Candidate(data.Pool[i].Id, light, Embedding: data.Pool[i].Vector));
                    index.Add(i);
                }
            }

            var centres = labelled.Select(i => (ReadOnlyMemory<float>)data.Pool[i].Vector).ToList();
            // Not HashCode.Combine: it is salted per process, which made random's picks (and its medians) change from run to run.
            var selectionSeed = unchecked((seed * 100_003) + round);
            var picks = ActiveLearningSelector.Select(candidates, policy, budget, selectionSeed, centres, options.BatchSize);
            if (picks.Count == 0 && head is null)
            {
                // No head yet (its splits were too small): uncertainty has nothing to rank, so this round draws at random.
                picks = ActiveLearningSelector.Select(candidates, SelectionPolicy.For(SelectionStrategy.Random), budget, selectionSeed, centres, options.BatchSize);
            }

            if (picks.Count == 0)
            {
                break;
            }

            if (round == 0)
            {
                reasons.AddRange(picks.Take(ReasonsShown).Select(p => p.Reason));
            }

            var byId = index.ToDictionary(i => data.Pool[i].Id, StringComparer.Ordinal);
            foreach (var pick in picks)
            {
                // The simulated reviewer: the pick's label is revealed from the corpus's `label`.
                var i = byId[pick.ItemId];
                isLabelled[i] = true;
                labelled.Add(i);
            }
        }

        return new ActiveLearningBenchCurve(Name(strategy), seed, points, reasons);
    }

    /// <summary>The seed labels: an equal share of each label drawn at random from the pool (stratified, so the first head can train).</summary>
    List<int> SeedSet(Data data, int seed)
    {
        var random = new Random(seed);
        var classes = data.Labels.Count;
        var set = new List<int>();
        for (var label = 0; label < classes; label++)
        {
            var share = (options.SeedLabels / classes) + (label < options.SeedLabels % classes ? 1 : 0);
            var ofLabel = Enumerable.Range(0, data.Pool.Length).Where(i => data.Pool[i].Label == label).ToArray();
            random.Shuffle(ofLabel);
            set.AddRange(ofLabel.Take(share));
        }

        return set;
    }

    internal static string Name(SelectionStrategy strategy) => strategy switch
    {
        SelectionStrategy.LeastConfidence => "leastConfidence",
        SelectionStrategy.KCenterGreedy => "kCenterGreedy",
        SelectionStrategy.UncertaintyDiversity => "marginThenKCenter",
        _ => char.ToLowerInvariant(strategy.ToString()[0]) + strategy.ToString()[1..],
    };

    sealed record Summary(Dictionary<string, object?> Strategies, object? Best, bool MeetsGoal, Dictionary<string, List<(int Labels, double F1)>> Curves);

    Summary Summarise(ActiveLearningBenchCurve[] curves, double target)
    {
        var byStrategy = curves.GroupBy(c => c.Strategy).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Seed).ToList());
        var needed = byStrategy.ToDictionary(kv => kv.Key, kv => MedianLabels(kv.Value.Select(c => c.LabelsToReach(target)).ToList(), options.MaxLabels));
        var randomName = Name(SelectionStrategy.Random);
        var random = needed[randomName];
        var randomPerSeed = byStrategy[randomName].Select(c => c.LabelsToReach(target)).ToList();
        var staying = byStrategy.ToDictionary(kv => kv.Key, kv => MedianLabels(kv.Value.Select(c => c.LabelsToStay(target)).ToList(), options.MaxLabels));
        var strategies = new Dictionary<string, object?>();
        var medianCurves = new Dictionary<string, List<(int, double)>>();
        foreach (var (name, runs) in byStrategy)
        {
            var curve = MedianCurve(runs);
            medianCurves[name] = curve;
            var perSeed = runs.Select(r => r.LabelsToReach(target)).ToList();
            var (low, high) = ActiveLearningBenchBootstrap.RatioInterval(perSeed, randomPerSeed);
            strategies[name] = new Dictionary<string, object?>
            {
                ["labelsToTarget"] = needed[name],
                ["labelsToTargetPerSeed"] = perSeed,
                ["ratioToRandom"] = needed[name] is { } n && random is { } r ? Stats.Round((double)n / r, 3) : null,
                // Random never reached the target within the budget: it needs more than maxLabels, so this is an upper bound.
                ["ratioToRandomAtMost"] = needed[name] is { } m && random is null ? Stats.Round((double)m / options.MaxLabels, 3) : null,
                // How much the ratio owes to which seeds were drawn: 90% of bootstrap resamples of the seeds fall inside.
                ["ratioToRandom90Interval"] = new[] { low, high },
                // A stricter reading of the same curves: from where on F1 never drops below the target again.
                ["labelsToStayAtTarget"] = staying[name],
                ["stayRatioToRandom"] = staying[name] is { } sn && staying[randomName] is { } sr ? Stats.Round((double)sn / sr, 3) : null,
                ["f1AtMaxLabels"] = Stats.Round(curve[^1].Item2, 4),
                ["exampleReasons"] = runs[0].FirstReasons,
            };
        }

        var best = needed.Where(kv => kv.Key != randomName && kv.Value is not null).OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).FirstOrDefault();
        double? bestRatio = best.Value is { } b ? (random is { } rr ? (double)b / rr : (double)b / options.MaxLabels) : null;
        var meets = bestRatio is <= 0.3;
        object? bestSummary = best.Key is null ? null : new Dictionary<string, object?>
        {
            ["strategy"] = best.Key,
            ["labelsToTarget"] = best.Value,
            ["randomLabelsToTarget"] = random,
            ["ratioToRandom"] = bestRatio is { } br ? Stats.Round(br, 3) : null,
            ["ratioIsUpperBound"] = random is null,
            ["ratioToRandom90Interval"] = ((Dictionary<string, object?>)strategies[best.Key]!)["ratioToRandom90Interval"],
        };
        if (bestSummary is Dictionary<string, object?> summary)
        {
            // Stricter targets from the same curves: where the head is easy to train, 95% may be reached before selection matters.
            summary["atStricterTargets"] = StricterShares.Where(s => s > options.TargetShare).Select(share =>
            {
                var t = share * target / options.TargetShare;
                var perStrategy = byStrategy.ToDictionary(kv => kv.Key, kv => MedianLabels(kv.Value.Select(c => c.LabelsToReach(t)).ToList(), options.MaxLabels));
                return new Dictionary<string, object?> { ["targetShare"] = share, ["targetF1"] = Stats.Round(t, 4), ["labelsToTarget"] = perStrategy };
            }).ToList();
        }

        return new Summary(strategies, bestSummary, meets, medianCurves);
    }

    /// <summary>The median of labels needed, counting runs that never reached the target as needing more than any that did; null if the median run never did.</summary>
    static int? MedianLabels(List<int?> perSeed, int cap)
    {
        var median = Stats.Median(perSeed.Select(n => n is { } v ? v : double.PositiveInfinity).ToList());
        return median > cap ? null : (int)Math.Ceiling(median);
    }

    /// <summary>Median F1 over seeds at each label count (every run spends labels on the same schedule).</summary>
    static List<(int, double)> MedianCurve(List<ActiveLearningBenchCurve> runs) =>
        runs.SelectMany(r => r.Points).GroupBy(p => p.Labels).OrderBy(g => g.Key)
            .Select(g => (g.Key, Stats.Median(g.Select(p => p.F1).ToList()))).ToList();
}

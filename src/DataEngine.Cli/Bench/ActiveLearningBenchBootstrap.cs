namespace DataEngine.Cli.Bench;

/// <summary>
/// How far the ratio of two medians over seeds could move with other seeds: a percentile bootstrap (Efron &amp; Tibshirani,
/// "An Introduction to the Bootstrap", 1993, §13.3) that resamples each strategy's per-seed label counts with replacement.
/// A run that never reached the target counts as needing more than any that did, as in the medians themselves.
/// </summary>
static class ActiveLearningBenchBootstrap
{
    const int Resamples = 2000;

    /// <summary>The central <paramref name="coverage"/> interval of median(<paramref name="strategy"/>) / median(<paramref name="baseline"/>); a bound is null where it is unbounded.</summary>
    public static (double? Low, double? High) RatioInterval(IReadOnlyList<int?> strategy, IReadOnlyList<int?> baseline, double coverage = 0.9)
    {
        var random = new Random(0);
        var ratios = new double[Resamples];
        for (var b = 0; b < Resamples; b++)
        {
            var top = Median(strategy, random);
            var bottom = Median(baseline, random);
            ratios[b] = double.IsPositiveInfinity(bottom) ? (double.IsPositiveInfinity(top) ? double.NaN : 0) : top / bottom;
        }

        var defined = ratios.Where(r => !double.IsNaN(r)).Order().ToArray();
        if (defined.Length == 0)
        {
            return (null, null);
        }

        var tail = (1 - coverage) / 2;
        var low = defined[(int)Math.Floor(tail * (defined.Length - 1))];
        var high = defined[(int)Math.Ceiling((1 - tail) * (defined.Length - 1))];
        return (Finite(low), Finite(high));
    }

    static double Median(IReadOnlyList<int?> perSeed, Random random)
    {
        var sample = new double[perSeed.Count];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = perSeed[random.Next(perSeed.Count)] is { } v ? v : double.PositiveInfinity;
        }

        return Stats.Median(sample);
    }

    static double? Finite(double value) => double.IsFinite(value) ? Stats.Round(value, 2) : null;
}

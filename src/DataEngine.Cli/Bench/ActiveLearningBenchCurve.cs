namespace DataEngine.Cli.Bench;

/// <summary>One simulated active-learning run: the test F1 after each round, at the labels spent so far.</summary>
sealed record ActiveLearningBenchCurve(string Strategy, int Seed, IReadOnlyList<(int Labels, double F1)> Points, IReadOnlyList<string> FirstReasons)
{
    /// <summary>The fewest labels at which F1 reached <paramref name="target"/>, or null if it never did.</summary>
    public int? LabelsToReach(double target) => Points.FirstOrDefault(p => p.F1 >= target) is { Labels: > 0 } hit ? hit.Labels : null;

    /// <summary>
    /// The fewest labels from which F1 stays at or above <paramref name="target"/> for the rest of the run, or null if the
    /// last point is below it. Unlike the first crossing, it does not get earlier the more often a noisy curve is measured.
    /// </summary>
    public int? LabelsToStay(double target)
    {
        int? from = null;
        foreach (var (labels, f1) in Points)
        {
            from = f1 >= target ? from ?? labels : null;
        }

        return from is > 0 ? from : null;
    }
}

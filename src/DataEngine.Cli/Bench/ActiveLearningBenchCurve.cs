namespace DataEngine.Cli.Bench;

/// <summary>One simulated active-learning run: the test F1 after each round, at the labels spent so far.</summary>
sealed record ActiveLearningBenchCurve(string Strategy, int Seed, IReadOnlyList<(int Labels, double F1)> Points, IReadOnlyList<string> FirstReasons)
{
    /// <summary>The fewest labels at which F1 reached <paramref name="target"/>, or null if it never did.</summary>
    public int? LabelsToReach(double target) => Points.FirstOrDefault(p => p.F1 >= target) is { Labels: > 0 } hit ? hit.Labels : null;
}

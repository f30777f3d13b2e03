namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>Which strategy <see cref="ActiveLearningSelector"/> uses, and its settings.</summary>
public sealed record SelectionPolicy
{
    public SelectionStrategy Strategy { get; init; } = SelectionStrategy.UncertaintyDiversity;

    /// <summary>The uncertainty measure of <see cref="SelectionStrategy.UncertaintyDiversity"/> (one of the three uncertainty strategies).</summary>
    public SelectionStrategy Uncertainty { get; init; } = SelectionStrategy.Margin;

    /// <summary>
    /// <see cref="SelectionStrategy.UncertaintyDiversity"/> runs k-center over this many times the budget of the most
    /// uncertain items: 1 is plain uncertainty sampling, a large factor plain k-center.
    /// </summary>
    public int DiversityPoolFactor { get; init; } = 5;

    /// <summary>What reasons call the second tier of <see cref="Candidate.Second"/>.</summary>
    public string SecondTierName { get; init; } = "foundation";

    /// <summary>The policy for one strategy with default settings.</summary>
    public static SelectionPolicy For(SelectionStrategy strategy) => new() { Strategy = strategy };

    /// <exception cref="ArgumentException">The settings do not make sense.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentException($"Unknown selection strategy {(int)Strategy}.");
        }

        if (Uncertainty is not (SelectionStrategy.LeastConfidence or SelectionStrategy.Margin or SelectionStrategy.Entropy))
        {
            throw new ArgumentException($"The uncertainty measure must be LeastConfidence, Margin or Entropy, not {Uncertainty}.");
        }

        if (DiversityPoolFactor < 1)
        {
            throw new ArgumentException($"DiversityPoolFactor must be at least 1 (got {DiversityPoolFactor}).");
        }
    }
}

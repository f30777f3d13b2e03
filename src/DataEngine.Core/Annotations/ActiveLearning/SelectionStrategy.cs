namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>How <see cref="ActiveLearningSelector"/> picks the items a human labels next.</summary>
public enum SelectionStrategy
{
    /// <summary>Seeded uniform draw: the baseline every other strategy must beat.</summary>
    Random,

    /// <summary>Highest 1 − max p (Settles 2009, §3.1).</summary>
    LeastConfidence,

    /// <summary>Smallest gap between the two most probable labels (Scheffer et al. 2001; Settles 2009, §3.1).</summary>
    Margin,

    /// <summary>Highest Shannon entropy of the prediction (Settles 2009, §3.1).</summary>
    Entropy,

    /// <summary>Largest disagreement between the light tier and a second tier (query by committee, Settles 2009, §3.2).</summary>
    Disagreement,

    /// <summary>k-center greedy on embeddings: each pick is the item farthest from everything labelled or picked (Sener &amp; Savarese 2018).</summary>
    KCenterGreedy,

    /// <summary>The most uncertain items by <see cref="SelectionPolicy.Uncertainty"/>, <see cref="SelectionPolicy.DiversityPoolFactor"/> times the budget, then k-center greedy among them.</summary>
    UncertaintyDiversity,
}

using DataEngine.Core.Annotations.ActiveLearning;

namespace DataEngine.Cli.Bench;

/// <summary>Settings of `bench active-learning`.</summary>
/// <param name="Strategies">The strategies compared; Random is always added as the baseline.</param>
/// <param name="Seeds">Independent repetitions (seed sets and selection seeds); medians are reported.</param>
/// <param name="SeedLabels">Labels drawn at random (half of each label) before active learning starts.</param>
/// <param name="BatchSize">Items the simulated reviewer labels per round.</param>
/// <param name="MaxLabels">The run's human budget: labels in all, seed labels included.</param>
/// <param name="TargetShare">The target F1 as a share of the full-pool head's F1.</param>
/// <param name="PoolFactor">The uncertainty pool of uncertainty + diversity, in batches.</param>
/// <param name="SketchBits">log2 of the dimensions of the n-gram sketch k-center compares.</param>
/// <param name="Features">What the head learns from and k-center compares.</param>
/// <param name="MaxTokens">The embedder's token limit per text (embedding features only).</param>
/// <param name="L2">The embedding head's L2 weight; null for the engine's embedding head's.</param>
sealed record ActiveLearningBenchOptions(
    IReadOnlyList<SelectionStrategy> Strategies,
    int Seeds,
    int SeedLabels,
    int BatchSize,
    int MaxLabels,
    double TargetShare,
    int PoolFactor,
    int SketchBits,
    string PlotPath,
    ActiveLearningBenchFeatures Features,
    int MaxTokens,
    float? L2 = null);

namespace DataEngine.Core.Annotations.Simulation;

/// <summary>The cascade at a range of semi_automatic accept thresholds, beside the light-only and foundation-only baselines.</summary>
public sealed record ThresholdSweep(SimulationResult LightOnly, SimulationResult FoundationOnly, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>
    /// The point that sends the fewest items to the foundation tier while its accuracy stays within
    /// <paramref name="maxAccuracyLoss"/> (a fraction: 0.01 is one point) of foundation-only and its foundation share is at
    /// most <paramref name="maxFoundationShare"/>; null when no point qualifies. Ties go to the more accurate point, then the
    /// lower threshold.
    /// </summary>
    public SweepPoint? CheapestWithin(double maxAccuracyLoss, double maxFoundationShare = 1.0) =>
        Points
            .Where(p => p.Accuracy >= FoundationOnly.Accuracy - maxAccuracyLoss && p.FoundationShare <= maxFoundationShare)
            .OrderBy(p => p.FoundationShare)
            .ThenByDescending(p => p.Accuracy)
            .ThenBy(p => p.Threshold)
            .FirstOrDefault();
}

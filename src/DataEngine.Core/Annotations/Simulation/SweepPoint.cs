namespace DataEngine.Core.Annotations.Simulation;

/// <summary>The cascade at one semi_automatic accept threshold: how much it sends to the foundation tier and how right it is.</summary>
public sealed record SweepPoint(double Threshold, double FoundationShare, double Accuracy, SimulationResult Result);

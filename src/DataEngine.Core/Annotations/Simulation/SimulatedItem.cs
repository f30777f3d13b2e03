namespace DataEngine.Core.Annotations.Simulation;

/// <summary>One item of a simulated run: the light head's real prediction for it (or none) and its true label.</summary>
public sealed record SimulatedItem(string ItemId, LabelPrediction? Light, string TrueLabel);

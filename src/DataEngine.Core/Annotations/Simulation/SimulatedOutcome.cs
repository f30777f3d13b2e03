namespace DataEngine.Core.Annotations.Simulation;

/// <summary>What happened to one item in a simulated run, with the cascade's last reason for it.</summary>
/// <param name="Label">The final label, or null when the item stayed unlabelled.</param>
/// <param name="AskedFoundation">Whether the foundation model was called for the item (whatever label it ended with).</param>
public sealed record SimulatedOutcome(string ItemId, string? Label, SimulatedTier Tier, bool Correct, bool AskedFoundation, string Reason);

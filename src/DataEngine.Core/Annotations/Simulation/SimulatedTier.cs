namespace DataEngine.Core.Annotations.Simulation;

/// <summary>Where an item's final label came from in a simulated run.</summary>
public enum SimulatedTier
{
    /// <summary>The light label stood on its confidence.</summary>
    AcceptedLight,

    /// <summary>The foundation model's answer stood.</summary>
    Foundation,

    /// <summary>A human labelled it (correctly: simulated reviewers stand for verified labels).</summary>
    Human,

    /// <summary>A light or foundation label kept only because a better tier was out of budget or not allowed.</summary>
    LowTrust,

    /// <summary>No label.</summary>
    Unlabelled,
}

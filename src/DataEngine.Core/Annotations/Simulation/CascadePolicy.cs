namespace DataEngine.Core.Annotations.Simulation;

/// <summary>Which annotators a simulated run uses.</summary>
public enum CascadePolicy
{
    /// <summary>Every item keeps the light model's label (no budget spent): the cheap baseline.</summary>
    LightOnly,

    /// <summary>The cascade: <see cref="CascadePlanner"/> with the task's thresholds and budget, both hops.</summary>
    Cascade,

    /// <summary>Every item goes to the foundation model, budget ignored: the accuracy baseline.</summary>
    FoundationOnly,
}

namespace DataEngine.Core.Annotations;

/// <summary>
/// Where the cascade sends one item for one task: the tier whose label the item ends up with, asking that tier first
/// when it has not answered yet. After the light hop, <see cref="Foundation"/> means "ask the foundation model"; after
/// the foundation hop, it means "the foundation model's answer stands".
/// </summary>
public enum Route
{
    /// <summary>The light model's label stands.</summary>
    AcceptLight,

    /// <summary>Ask the foundation model (light hop), or keep its answer (foundation hop).</summary>
    Foundation,

    /// <summary>Ask a human reviewer.</summary>
    Human,

    /// <summary>
    /// No tier may label the item in this run: every better tier is out of budget (or not allowed in the stage) and
    /// there is no trusted light label to fall back on. The item stays unlabelled; a later run may label it.
    /// </summary>
    Unlabelled,
}

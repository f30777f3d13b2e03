namespace DataEngine.Core.Annotations;

/// <summary>Where the cascade sends one item for one task.</summary>
public enum Route
{
    /// <summary>The light model's label stands.</summary>
    AcceptLight,

    /// <summary>Ask the foundation model.</summary>
    Foundation,

    /// <summary>Ask a human reviewer.</summary>
    Human,
}

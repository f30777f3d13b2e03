namespace DataEngine.Core.Ports;

/// <summary>The containers the engine uses, one role each.</summary>
public static class Containers
{
    /// <summary>Uploaded, untouched input. An upload here starts a run.</summary>
    public const string Raw = "raw";

    /// <summary>Intermediate data of runs: batch plans, filter outcomes, survivors.</summary>
    public const string Work = "work";

    /// <summary>The curated datasets and their reports.</summary>
    public const string Curated = "curated";
}

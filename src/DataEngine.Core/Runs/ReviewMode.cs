namespace DataEngine.Core.Runs;

/// <summary>What a run does with the items its cascade sends to human review.</summary>
public enum ReviewMode
{
    /// <summary>Each batch waits for its reviewers' answers (or the deadline) before it commits: the labels include them.</summary>
    Wait,

    /// <summary>The run opens the reviews and finishes with the model labels marked low trust; answers given later replace them.</summary>
    Defer,
}

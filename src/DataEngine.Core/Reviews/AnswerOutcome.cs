namespace DataEngine.Core.Reviews;

/// <summary>What became of an answer: recorded, or why not. Only <see cref="Recorded"/> changed anything.</summary>
public enum AnswerOutcome
{
    /// <summary>This answer is now the assignment's answer.</summary>
    Recorded,

    /// <summary>The assignment was answered before (perhaps by a concurrent call); the stored answer stays.</summary>
    AlreadyAnswered,

    /// <summary>The assignment expired or was withdrawn before the answer came.</summary>
    NotOpen,

    /// <summary>No assignment has this id.</summary>
    NotFound,
}

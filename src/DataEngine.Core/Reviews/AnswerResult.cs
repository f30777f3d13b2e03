namespace DataEngine.Core.Reviews;

/// <summary>The outcome of an answer and the assignment as stored afterwards (with the answer that counts), null when not found.</summary>
public sealed record AnswerResult(AnswerOutcome Outcome, ReviewAssignment? Assignment);

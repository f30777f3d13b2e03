namespace DataEngine.Models.Foundation;

/// <summary>One item's usable answer: a label from the task's list (or a score), and the model's stated confidence.</summary>
internal sealed record ItemAnswer(string? Label, double? Score, double Confidence);

/// <summary>What one answer said about the items of its request: the usable answers by id, and for the rest what was wrong.</summary>
internal sealed class AnswerCheck
{
    public AnswerCheck(string? problem = null) => Problem = problem;

    /// <summary>Why the answer as a whole is unusable (empty, not JSON, no answers array); null when it could be read.</summary>
    public string? Problem { get; }

    public Dictionary<string, ItemAnswer> Answers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ItemProblems { get; } = new(StringComparer.Ordinal);

    public string ProblemFor(string id) =>
        ItemProblems.TryGetValue(id, out var problem) ? problem : Problem ?? "the answer left this item out";
}

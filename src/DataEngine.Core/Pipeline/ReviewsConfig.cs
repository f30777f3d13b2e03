using System.ComponentModel.DataAnnotations;

namespace DataEngine.Core.Pipeline;

/// <summary>
/// Who reviews the items the cascade sends to humans, how many reviewers see each item, and what happens when nobody
/// answers in time. One pool per pipeline: a dataset's reviewers are the people who know its labels.
/// </summary>
public sealed record ReviewsConfig : IValidatableObject
{
    /// <summary>
    /// The reviewer pool. Assignments rotate through it, so work spreads evenly. Empty (the default): nobody reviews, and
    /// the cascade spends no human budget (a run never waits for answers nobody would give).
    /// </summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary>Reviewers per item (k): with more than one, QA can measure their agreement.</summary>
    [Range(1, 9)]
    public int Overlap { get; init; } = 1;

    /// <summary>How long a waiting run waits for the answers of one round, in minutes.</summary>
    [Range(0.05, 60 * 24 * 30)]
    public double DeadlineMinutes { get; init; } = 24 * 60;

    /// <summary>What the run does when a round's deadline passes with answers missing.</summary>
    public DeadlinePolicy OnDeadline { get; init; } = DeadlinePolicy.Fallback;

    /// <summary>The reviewers an unanswered item goes to under <see cref="DeadlinePolicy.Escalate"/> (a lead, an expert).</summary>
    public IReadOnlyList<string> EscalateTo { get; init; } = [];

    /// <summary>Rounds of reassignment or escalation before the run falls back to the model label (low trust).</summary>
    [Range(0, 10)]
    public int MaxRounds { get; init; } = 1;

    public TimeSpan Deadline => TimeSpan.FromMinutes(DeadlineMinutes);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Reviewers.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("reviewers must not be blank", [nameof(Reviewers)]);
        }
        else if (Reviewers.Count > 0 && Reviewers.Distinct(StringComparer.Ordinal).Count() < Overlap)
        {
            yield return new ValidationResult($"overlap {Overlap} needs at least {Overlap} distinct reviewers; {Reviewers.Count} given", [nameof(Overlap)]);
        }

        if (OnDeadline == DeadlinePolicy.Escalate && (EscalateTo.Count == 0 || EscalateTo.Any(string.IsNullOrWhiteSpace)))
        {
            yield return new ValidationResult("on_deadline: escalate needs escalate_to with at least one reviewer", [nameof(EscalateTo)]);
        }
    }
}

/// <summary>What a waiting run does with an item whose review round ended unanswered.</summary>
public enum DeadlinePolicy
{
    /// <summary>Keep the best model label, marked low trust.</summary>
    Fallback,

    /// <summary>Expire the open assignments and give the item to reviewers of the pool who have not had it.</summary>
    Reassign,

    /// <summary>Expire the open assignments and give the item to the <see cref="ReviewsConfig.EscalateTo"/> reviewers.</summary>
    Escalate,
}

using DataEngine.Core.Pipeline;
using static DataEngine.Core.Annotations.CascadeReasons;

namespace DataEngine.Core.Annotations;

/// <summary>
/// The cascade's routing rules, per item and task: keep the light model's label, ask the foundation model, or ask a
/// human, from the light model's confidence, the task's stage thresholds and what the run may still spend. Pure apart
/// from the reservations it makes on the <see cref="CascadeBudget"/> it is given; every decision carries its reason.
/// </summary>
/// <remarks>
/// <para>The light hop (<see cref="RouteLight"/>), by stage; "trusted" means a light prediction exists, the task is not a
/// score task and the head was trained on at least <see cref="RoutingConfig.MinTrainingLabels"/> labels:</para>
/// <list type="bullet">
/// <item><b>assisted_manual</b>: human (the light label is the proposal) → foundation → trusted light label, low trust → unlabelled.</item>
/// <item><b>semi_automatic</b>: trusted and confidence ≥ <see cref="RoutingConfig.SemiAutomaticAccept"/> → accept light;
/// else foundation → human → trusted light label, low trust → unlabelled.</item>
/// <item><b>fully_automatic</b>: trusted and confidence ≥ <see cref="RoutingConfig.FullyAutomaticAccept"/> → accept light;
/// else foundation → trusted light label, low trust → unlabelled. Never a human: humans only verify QA samples.</item>
/// </list>
/// <para>An untrusted head's label is never used, not even as a fallback ("not trusted at all"); its items escalate so the
/// foundation answers can become its training labels. Each arrow is taken only when the budget has room, and a route to
/// foundation or human reserves one item of it.</para>
/// <para>The foundation hop (<see cref="RouteFoundation"/>): the answer stands unless it failed, its stated confidence is
/// below <see cref="RoutingConfig.FoundationAccept"/>, it contradicts a trusted light label whose confidence reaches
/// <see cref="RoutingConfig.FullyAutomaticAccept"/> (the level at which the light model may label alone in any stage), or
/// the stage is assisted_manual. Then a human, where the stage and human budget allow; otherwise the foundation label
/// with low trust, or after a failure the trusted light label with low trust, or unlabelled.</para>
/// <para>The order of items matters when a budget runs out mid-batch: use <see cref="CascadePlanner"/> for a batch.</para>
/// </remarks>
public static class CascadeRouter
{
    /// <summary>Routes one item after the light tier (or, with no light prediction, before any model answered).</summary>
    /// <param name="light">The light head's prediction, or null when there is none (no head yet, a score task).</param>
    /// <param name="headTrainingLabels">How many labels the light head was trained on.</param>
    /// <param name="review">Whether a human may take the item: <see cref="HumanReview.Open"/> spends the human budget; a
    /// decided review says whether active learning picked the item (and why), without spending it again.</param>
    public static RouteDecision RouteLight(
        AnnotationTaskConfig task,
        AnnotationStage stage,
        LabelPrediction? light,
        int headTrainingLabels,
        CascadeBudget budget,
        HumanReview? review = null)
    {
        review ??= HumanReview.Open;
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(budget);
        CheckPrediction(task, light);
        var distrust = Distrust(task, light, headTrainingLabels);
        var trusted = distrust is null ? light : null;

        string lead;
        if (stage == AnnotationStage.AssistedManual)
        {
            lead = trusted is null
                ? $"assisted_manual: humans label every item ({distrust})"
                : $"assisted_manual: humans label every item (light proposes '{trusted.Label}' at {Number(trusted.Confidence)})";
            if (review.TryTake(budget))
            {
                return new RouteDecision(Route.Human, $"{lead}; {review.Taken(budget)}");
            }

            lead += "; " + review.Refused(budget);
            if (budget.TryReserveFoundation())
            {
                return new RouteDecision(Route.Foundation, $"{lead}; {FoundationUsed(budget)}");
            }

            return Fallback(trusted, $"{lead}; {FoundationSpent(budget)}");
        }

        var threshold = AcceptThreshold(task.Routing, stage);
        if (trusted is not null)
        {
            lead = $"light confidence {Compare(trusted.Confidence, threshold)} ({Stage(stage)})";
            if (Reaches(trusted.Confidence, threshold))
            {
                return new RouteDecision(Route.AcceptLight, lead);
            }
        }
        else
        {
            lead = distrust!;
        }

        if (budget.TryReserveFoundation())
        {
            return new RouteDecision(Route.Foundation, $"{lead}; {FoundationUsed(budget)}");
        }

        lead += "; " + FoundationSpent(budget);
        if (stage == AnnotationStage.FullyAutomatic)
        {
            return Fallback(trusted, $"{lead}; {NoHumanInFullyAutomatic}");
        }

        if (review.TryTake(budget))
        {
            return new RouteDecision(Route.Human, $"{lead}; {review.Taken(budget)}");
        }

        return Fallback(trusted, $"{lead}; {review.Refused(budget)}");
    }

    /// <summary>
    /// Routes one item after the foundation model answered it (the item's light-hop route was <see cref="Route.Foundation"/>),
    /// and records the answer's cost on the budget, settling the reservation the light hop made.
    /// </summary>
    /// <param name="foundationAnswer">The foundation model's annotation for the item, failed or not.</param>
    /// <param name="light">The light head's prediction, or null; it is trusted under the same rule as in <see cref="RouteLight"/>.</param>
    public static RouteDecision RouteFoundation(
        AnnotationTaskConfig task,
        AnnotationStage stage,
        Annotation foundationAnswer,
        LabelPrediction? light,
        int headTrainingLabels,
        CascadeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(foundationAnswer);
        ArgumentNullException.ThrowIfNull(budget);
        CheckPrediction(task, light);
        if (!string.Equals(foundationAnswer.Task, task.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The foundation answer is for task '{foundationAnswer.Task}', not '{task.Name}'.", nameof(foundationAnswer));
        }

        budget.RecordFoundationCost(foundationAnswer.Cost);
        var trusted = Distrust(task, light, headTrainingLabels) is null ? light : null;
        var accept = task.Routing.FoundationAccept;

        var failure = Failure(task, foundationAnswer);
        var problem = failure
            ?? (Reaches(foundationAnswer.Confidence, accept) ? null : $"foundation confidence {Compare(foundationAnswer.Confidence, accept)}")
            ?? Disagreement(task.Routing, foundationAnswer, trusted)
            ?? (stage == AnnotationStage.AssistedManual
                ? $"assisted_manual: humans label every item (foundation proposes {Answer(task, foundationAnswer)})"
                : null);
        if (problem is null)
        {
            var note = trusted is null ? ""
                : string.Equals(trusted.Label, foundationAnswer.Label, StringComparison.Ordinal) ? "; agrees with light"
                : $"; light '{trusted.Label}' at {Number(trusted.Confidence)} overruled";
            return new RouteDecision(Route.Foundation, $"foundation confidence {Compare(foundationAnswer.Confidence, accept)}{note}");
        }

        string lead;
        if (stage == AnnotationStage.FullyAutomatic)
        {
            lead = $"{problem}; {NoHumanInFullyAutomatic}";
        }
        else if (budget.TryReserveHuman())
        {
            return new RouteDecision(Route.Human, $"{problem}; {HumanUsed(budget)}");
        }
        else
        {
            lead = $"{problem}; {HumanSpent(budget)}";
        }

        return failure is null
            ? new RouteDecision(Route.Foundation, $"{lead}; foundation label kept, low trust", LowTrust: true)
            : Fallback(trusted, lead);
    }

    /// <summary>The light confidence at or above which the light label stands in a stage (none in assisted_manual).</summary>
    public static double AcceptThreshold(RoutingConfig routing, AnnotationStage stage) => stage switch
    {
        AnnotationStage.SemiAutomatic => routing.SemiAutomaticAccept,
        AnnotationStage.FullyAutomatic => routing.FullyAutomaticAccept,
        AnnotationStage.AssistedManual => double.PositiveInfinity,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown stage"),
    };

    /// <summary>Why the light label may not be used at all, or null when it may.</summary>
    static string? Distrust(AnnotationTaskConfig task, LabelPrediction? light, int headTrainingLabels)
    {
        if (task.Kind == AnnotationKind.Score)
        {
            return "score task (no light head)";
        }

        if (light is null)
        {
            return "no light prediction";
        }

        var min = task.Routing.MinTrainingLabels;
        return headTrainingLabels < min ? $"light head trained on {headTrainingLabels} < {min} labels" : null;
    }

    /// <summary>
    /// A confident light model contradicted: two annotators disagree where one was sure, so neither label is safe alone.
    /// "Confident" is the fully_automatic accept level, where the light model would label alone.
    /// </summary>
    static string? Disagreement(RoutingConfig routing, Annotation answer, LabelPrediction? trusted) =>
        trusted is not null
        && Reaches(trusted.Confidence, routing.FullyAutomaticAccept)
        && !string.Equals(trusted.Label, answer.Label, StringComparison.Ordinal)
            ? $"foundation says '{answer.Label}', light says '{trusted.Label}' at {Compare(trusted.Confidence, routing.FullyAutomaticAccept)}"
            : null;

    /// <summary>Why a foundation answer is unusable, or null when it is a label (or score) of the task.</summary>
    static string? Failure(AnnotationTaskConfig task, Annotation answer)
    {
        if (answer.Failed)
        {
            return answer.Reason is { Length: > 0 } why ? $"foundation failed ({Shorten(why)})" : "foundation failed";
        }

        if (task.Kind == AnnotationKind.Score)
        {
            return answer.Score is >= 0 and <= 1 ? null : "foundation gave no score in [0, 1]";
        }

        if (answer.Label is null)
        {
            return "foundation gave no label";
        }

        return task.Labels.Contains(answer.Label, StringComparer.Ordinal) ? null : $"foundation answered '{Shorten(answer.Label)}', not a label of the task";
    }

    static RouteDecision Fallback(LabelPrediction? trusted, string lead) => trusted is null
        ? new RouteDecision(Route.Unlabelled, $"{lead}; left unlabelled")
        : new RouteDecision(Route.AcceptLight, $"{lead}; light label kept, low trust", LowTrust: true);

    static string Answer(AnnotationTaskConfig task, Annotation answer) => task.Kind == AnnotationKind.Score
        ? $"score {Number(answer.Score ?? double.NaN)}"
        : $"'{answer.Label}' at {Number(answer.Confidence)}";

    static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");

    static void CheckPrediction(AnnotationTaskConfig task, LabelPrediction? light)
    {
        if (light is null)
        {
            return;
        }

        if (task.Kind == AnnotationKind.Score)
        {
            throw new ArgumentException($"Task '{task.Name}' is a score task: it has no light head, so it takes no light prediction.", nameof(light));
        }

        if (!light.Labels.SequenceEqual(task.Labels, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The light prediction's labels [{string.Join(", ", light.Labels)}] are not task '{task.Name}''s [{string.Join(", ", task.Labels)}].", nameof(light));
        }
    }
}

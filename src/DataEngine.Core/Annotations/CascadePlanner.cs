using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations;

/// <summary>
/// Routes a whole batch of one task through <see cref="CascadeRouter"/>, spending a scarce budget on the items that need
/// it most rather than on the first in file order. Decisions come back in input order; the same batch and budget always
/// give the same decisions.
/// </summary>
public static class CascadePlanner
{
    /// <summary>
    /// The light hop for a batch. Items are routed from the least confident light prediction up (no prediction first,
    /// then ties by ordinal item id, then input position), so when the foundation or human budget runs out mid-batch it has
    /// gone to the items the light model is least sure of. Confident items take no budget, so their place in that order
    /// changes nothing.
    /// </summary>
    /// <param name="review">Per item, whether active learning picked it for human review; null: the budget goes to the least confident.</param>
    public static IReadOnlyList<ItemRoute> Plan(
        AnnotationTaskConfig task,
        AnnotationStage stage,
        IReadOnlyList<(string ItemId, LabelPrediction? Light)> items,
        int headTrainingLabels,
        CascadeBudget budget,
        Func<string, HumanReview>? review = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(budget);
        var decisions = new RouteDecision[items.Count];
        foreach (var i in Ranked(items.Count, i => items[i].Light?.Confidence ?? -1, i => items[i].ItemId))
        {
            decisions[i] = CascadeRouter.RouteLight(task, stage, items[i].Light, headTrainingLabels, budget, review?.Invoke(items[i].ItemId));
        }

        return [.. items.Select((item, i) => new ItemRoute(item.ItemId, decisions[i]))];
    }

    /// <summary>
    /// The foundation hop for the items the light hop sent to the foundation model, once it answered. Items are routed
    /// from the least sure answer up (failures first, then by stated confidence, ties by ordinal item id, then input
    /// position), so a scarce human budget goes to the answers most likely wrong.
    /// </summary>
    public static IReadOnlyList<ItemRoute> PlanAfterFoundation(
        AnnotationTaskConfig task,
        AnnotationStage stage,
        IReadOnlyList<(string ItemId, LabelPrediction? Light, Annotation Answer)> items,
        int headTrainingLabels,
        CascadeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(budget);
        var decisions = new RouteDecision[items.Count];
        foreach (var i in Ranked(items.Count, i => items[i].Answer.Failed ? -1 : items[i].Answer.Confidence, i => items[i].ItemId))
        {
            decisions[i] = CascadeRouter.RouteFoundation(task, stage, items[i].Answer, items[i].Light, headTrainingLabels, budget);
        }

        return [.. items.Select((item, i) => new ItemRoute(item.ItemId, decisions[i]))];
    }

    /// <summary>Input positions from the lowest confidence up; NaN counts as lowest so it cannot make the order depend on the sort.</summary>
    static IEnumerable<int> Ranked(int count, Func<int, double> confidence, Func<int, string> id) =>
        Enumerable.Range(0, count)
            .Select(i => (Index: i, Confidence: confidence(i) is var c && double.IsNaN(c) ? double.NegativeInfinity : c))
            .OrderBy(x => x.Confidence)
            .ThenBy(x => id(x.Index), StringComparer.Ordinal)
            .ThenBy(x => x.Index)
            .Select(x => x.Index);
}

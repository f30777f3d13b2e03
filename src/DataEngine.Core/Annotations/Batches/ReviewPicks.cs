using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// Active learning over the cascade: when more items of a batch would go to people than its human budget allows, the
/// task's selection strategy picks which (the most informative, e.g. the most uncertain and mutually diverse), each
/// with the reason it was picked; the others keep what the cascade gives without a human.
/// </summary>
static class ReviewPicks
{
    /// <param name="planned">Per item, its id and the trusted light prediction the cascade routes on.</param>
    /// <param name="light">Per item, the light head's prediction even when not trusted yet (its uncertainty still says
    /// where a label teaches most) and the embedding the light step computed, if any.</param>
    /// <returns>Null when the budget covers every item that wants review: the cascade then takes them all.</returns>
    public static Func<string, HumanReview>? For(
        AnnotationTaskConfig task,
        IReadOnlyList<(string Id, LabelPrediction? Trusted)> planned,
        IReadOnlyList<(LabelPrediction? Prediction, IReadOnlyList<float>? Embedding)> light,
        BudgetConfig budget,
        int seed)
    {
        // Who would a person see if the human budget were unlimited? The same routing, in the same order.
        var probe = CascadePlanner.Plan(task, task.Stage, planned, int.MaxValue, new CascadeBudget(budget with { MaxHumanItems = int.MaxValue }));
        var wanting = Enumerable.Range(0, planned.Count).Where(i => probe[i].Decision.Route == Route.Human).ToList();
        if (wanting.Count <= budget.MaxHumanItems || budget.MaxHumanItems == 0)
        {
            return null;
        }

        var candidates = wanting
            .Select(i => new Candidate(planned[i].Id, light[i].Prediction, null, light[i].Embedding is { } e ? e.ToArray() : null))
            .ToList();
        var policy = task.ReviewSelection.Policy;
        if (policy.Strategy == SelectionStrategy.UncertaintyDiversity && candidates.All(c => c.Embedding is null))
        {
            // No embedder ran (none configured, or every item was sure enough for the n-gram head): uncertainty alone.
            policy = SelectionPolicy.For(policy.Uncertainty);
        }
        var picks = ActiveLearningSelector.Select(candidates, policy, budget.MaxHumanItems, seed).ToList();

        // A strategy cannot rank items it has nothing on (no head yet, no embeddings): the rest of the budget is drawn at
        // random from them, so a new task still gets its first human labels.
        if (picks.Count < budget.MaxHumanItems)
        {
            var chosen = picks.Select(p => p.ItemId).ToHashSet(StringComparer.Ordinal);
            var rest = candidates.Where(c => !chosen.Contains(c.ItemId)).ToList();
            picks.AddRange(ActiveLearningSelector.Select(rest, SelectionPolicy.For(SelectionStrategy.Random), budget.MaxHumanItems - picks.Count, seed)
                .Select(p => p with { Reason = $"{p.Reason}; {policy.Strategy} had nothing to rank it by" }));
        }

        var reasons = picks.ToDictionary(p => p.ItemId, p => p.Reason, StringComparer.Ordinal);
        var notPicked = $"active learning picked {reasons.Count} of {wanting.Count} for the human budget";
        return id => reasons.TryGetValue(id, out var why) ? HumanReview.PickedBecause(why) : HumanReview.NotPicked(notPicked);
    }
}

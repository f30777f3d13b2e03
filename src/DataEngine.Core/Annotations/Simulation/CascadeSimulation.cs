using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations.Simulation;

/// <summary>
/// Replays a policy over items with known true labels: real light predictions, a <see cref="SimulatedFoundationModel"/>,
/// and humans who answer correctly. It runs the production routing (<see cref="CascadePlanner"/>, both hops, one budget
/// for all items as if they were one batch), so what it measures is what a run would do.
/// </summary>
public static class CascadeSimulation
{
    /// <summary>Runs one policy over the items; label tasks only (accuracy needs a true label).</summary>
    /// <param name="stage">The stage the cascade routes in (ignored by the baselines).</param>
    /// <param name="headTrainingLabels">How many labels the light head was trained on (the cascade distrusts a head below the task's minimum).</param>
    public static SimulationResult Run(
        CascadePolicy policy,
        AnnotationTaskConfig task,
        AnnotationStage stage,
        IReadOnlyList<SimulatedItem> items,
        SimulatedFoundationModel foundation,
        int headTrainingLabels)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(foundation);
        if (task.Kind == AnnotationKind.Score)
        {
            throw new NotSupportedException($"Task '{task.Name}' is a score task; the simulation measures label accuracy only.");
        }

        foreach (var item in items)
        {
            if (!task.Labels.Contains(item.TrueLabel, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Item '{item.ItemId}' has true label '{item.TrueLabel}', not a label of task '{task.Name}'.", nameof(items));
            }
        }

        return policy switch
        {
            CascadePolicy.LightOnly => LightOnly(items),
            CascadePolicy.FoundationOnly => FoundationOnly(task, items, foundation),
            CascadePolicy.Cascade => Cascade(task, stage, items, foundation, headTrainingLabels),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
        };
    }

    /// <summary>
    /// The cascade in semi_automatic at each of <paramref name="thresholds"/> (the task's other settings and budget as
    /// given), beside both baselines, so a benchmark can pick the threshold that trades the fewest foundation calls for
    /// the least accuracy.
    /// </summary>
    public static ThresholdSweep SweepSemiAutomaticAccept(
        AnnotationTaskConfig task,
        IReadOnlyList<SimulatedItem> items,
        SimulatedFoundationModel foundation,
        IReadOnlyList<double> thresholds,
        int headTrainingLabels)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(thresholds);
        var lightOnly = Run(CascadePolicy.LightOnly, task, AnnotationStage.SemiAutomatic, items, foundation, headTrainingLabels);
        var foundationOnly = Run(CascadePolicy.FoundationOnly, task, AnnotationStage.SemiAutomatic, items, foundation, headTrainingLabels);
        var points = thresholds
            .Select(t =>
            {
                var at = task with { Routing = task.Routing with { SemiAutomaticAccept = t } };
                var result = Run(CascadePolicy.Cascade, at, AnnotationStage.SemiAutomatic, items, foundation, headTrainingLabels);
                return new SweepPoint(t, result.FoundationCallShare, result.Accuracy, result);
            })
            .ToArray();
        return new ThresholdSweep(lightOnly, foundationOnly, points);
    }

    static SimulationResult LightOnly(IReadOnlyList<SimulatedItem> items) =>
        new(
            CascadePolicy.LightOnly,
            [.. items.Select(item => item.Light is { } light
                ? Outcome(item, light.Label, SimulatedTier.AcceptedLight, askedFoundation: false, "light only")
                : Outcome(item, null, SimulatedTier.Unlabelled, askedFoundation: false, "light only; no light prediction"))],
            0m);

    static SimulationResult FoundationOnly(AnnotationTaskConfig task, IReadOnlyList<SimulatedItem> items, SimulatedFoundationModel foundation)
    {
        var cost = 0m;
        var outcomes = new SimulatedOutcome[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var answer = foundation.Answer(task, items[i]);
            cost += answer.Cost;
            outcomes[i] = answer.Failed
                ? Outcome(items[i], null, SimulatedTier.Unlabelled, askedFoundation: true, "foundation only; foundation failed")
                : Outcome(items[i], answer.Label, SimulatedTier.Foundation, askedFoundation: true, "foundation only");
        }

        return new SimulationResult(CascadePolicy.FoundationOnly, outcomes, cost);
    }

    static SimulationResult Cascade(
        AnnotationTaskConfig task,
        AnnotationStage stage,
        IReadOnlyList<SimulatedItem> items,
        SimulatedFoundationModel foundation,
        int headTrainingLabels)
    {
        var budget = new CascadeBudget(task.Budget, foundation.CostPerItem);
        var lightHop = CascadePlanner.Plan(task, stage, [.. items.Select(i => (i.ItemId, i.Light))], headTrainingLabels, budget);

        var outcomes = new SimulatedOutcome?[items.Count];
        var asked = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var decision = lightHop[i].Decision;
            if (decision.Route == Route.Foundation)
            {
                asked.Add(i);
            }
            else
            {
                outcomes[i] = Final(items[i], decision, foundationLabel: null, askedFoundation: false);
            }
        }

        // One batched call, as FoundationBatch makes it, then the foundation hop over the answers together.
        var answers = asked.Select(i => foundation.Answer(task, items[i])).ToArray();
        var foundationHop = CascadePlanner.PlanAfterFoundation(
            task, stage, [.. asked.Select((i, k) => (items[i].ItemId, items[i].Light, answers[k]))], headTrainingLabels, budget);
        for (var k = 0; k < asked.Count; k++)
        {
            outcomes[asked[k]] = Final(items[asked[k]], foundationHop[k].Decision, answers[k].Label, askedFoundation: true);
        }

        return new SimulationResult(CascadePolicy.Cascade, [.. outcomes.Select(o => o!)], answers.Sum(a => a.Cost));
    }

    /// <summary>The label an item ends with once its route is final (never <see cref="Route.Foundation"/> meaning "ask").</summary>
    static SimulatedOutcome Final(SimulatedItem item, RouteDecision decision, string? foundationLabel, bool askedFoundation)
    {
        var (label, tier) = decision.Route switch
        {
            Route.AcceptLight => (item.Light!.Label, decision.LowTrust ? SimulatedTier.LowTrust : SimulatedTier.AcceptedLight),
            Route.Foundation => (foundationLabel, decision.LowTrust ? SimulatedTier.LowTrust : SimulatedTier.Foundation),
            Route.Human => (item.TrueLabel, SimulatedTier.Human),
            Route.Unlabelled => ((string?)null, SimulatedTier.Unlabelled),
            _ => throw new InvalidOperationException($"Unknown route {decision.Route}."),
        };
        return Outcome(item, label, tier, askedFoundation, decision.Reason);
    }

    static SimulatedOutcome Outcome(SimulatedItem item, string? label, SimulatedTier tier, bool askedFoundation, string reason) =>
        new(item.ItemId, label, tier, label is not null && string.Equals(label, item.TrueLabel, StringComparison.Ordinal), askedFoundation, reason);
}

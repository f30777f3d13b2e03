using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Simulation;
using DataEngine.Core.Pipeline;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class CascadeSimulationTests
{
    const int N = 20_000;

    static readonly AnnotationTaskConfig Task = SpamTask(new BudgetConfig { MaxFoundationItems = N, MaxHumanItems = 0 });

    static readonly SimulatedFoundationModel Model = new(errorRate: 0.03, seed: 11);

    /// <summary>
    /// A calibrated light head: 75% of items at confidence in [0.9, 1), 25% in [0.5, 0.9); each right with probability
    /// equal to its confidence. Expected light accuracy ≈ 0.89; a quarter of items fall below 0.9.
    /// </summary>
    static readonly SimulatedItem[] Items = Synthetic(N, seed: 3);

    static SimulatedItem[] Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        var items = new SimulatedItem[count];
        for (var i = 0; i < count; i++)
        {
            var confidence = (float)(random.NextDouble() < 0.75 ? 0.9 + (0.0999 * random.NextDouble()) : 0.5001 + (0.3998 * random.NextDouble()));
            var truth = random.Next(2) == 0 ? "ham" : "spam";
            var right = random.NextDouble() < confidence;
            var said = right ? truth : truth == "ham" ? "spam" : "ham";
            items[i] = new SimulatedItem($"item-{i:D5}", said == "spam" ? Spam(confidence) : Ham(confidence), truth);
        }

        return items;
    }

    static SimulationResult Run(CascadePolicy policy, AnnotationTaskConfig? task = null, AnnotationStage stage = AnnotationStage.SemiAutomatic, SimulatedFoundationModel? model = null, IReadOnlyList<SimulatedItem>? items = null) =>
        CascadeSimulation.Run(policy, task ?? Task, stage, items ?? Items, model ?? Model, Trained);

    [Fact]
    public void Foundation_only_accuracy_is_one_minus_the_error_rate()
    {
        var result = Run(CascadePolicy.FoundationOnly);

        Assert.InRange(result.Accuracy, 0.97 - 0.005, 0.97 + 0.005);
        Assert.Equal(N, result.FoundationCalls);
        Assert.Equal(1.0, result.Share(SimulatedTier.Foundation));
    }

    [Fact]
    public void Light_only_accuracy_is_the_light_models_own()
    {
        var result = Run(CascadePolicy.LightOnly);

        Assert.Equal(Items.Count(i => i.Light!.Label == i.TrueLabel), result.Correct);
        Assert.Equal(0, result.FoundationCalls);
        Assert.Equal(1.0, result.Share(SimulatedTier.AcceptedLight));
    }

    [Fact]
    public void The_cascade_asks_the_foundation_model_about_the_unsure_items_only_and_lands_between_the_baselines()
    {
        var light = Run(CascadePolicy.LightOnly);
        var foundation = Run(CascadePolicy.FoundationOnly);

        var cascade = Run(CascadePolicy.Cascade);

        var unsure = Items.Select((item, i) => (item, i)).Where(x => x.item.Light!.Confidence < 0.9f).ToArray();
        Assert.Equal(unsure.Length, cascade.FoundationCalls);
        Assert.InRange(cascade.FoundationCallShare, 0.23, 0.27);
        Assert.InRange(cascade.Accuracy, light.Accuracy + 0.03, foundation.Accuracy);

        // The same items get the same foundation answers under every policy, so the cascade's right labels are exactly
        // the light model's on the sure items plus the foundation model's on the unsure ones.
        var expected = Items.Where(i => i.Light!.Confidence >= 0.9f).Count(i => i.Light!.Label == i.TrueLabel)
            + unsure.Count(x => foundation.Outcomes[x.i].Correct);
        Assert.Equal(expected, cascade.Correct);

        // With no human budget, an answer that contradicts a fairly sure light label (≥ 0.75) stands with low trust.
        var contradicted = unsure.Count(x => x.item.Light!.Confidence >= 0.75f && foundation.Outcomes[x.i].Label != x.item.Light.Label);
        Assert.Equal(contradicted, cascade.Count(SimulatedTier.LowTrust));
        Assert.Equal(cascade.FoundationCalls - contradicted, cascade.Count(SimulatedTier.Foundation));
    }

    [Fact]
    public void A_foundation_budget_short_of_the_unsure_items_leaves_the_rest_with_low_trust_light_labels()
    {
        var task = SpamTask(new BudgetConfig { MaxFoundationItems = 1000, MaxHumanItems = 0 });

        var result = Run(CascadePolicy.Cascade, task, AnnotationStage.FullyAutomatic);

        Assert.Equal(1000, result.FoundationCalls);
        var belowFully = Items.Count(i => i.Light!.Confidence < 0.75f);
        Assert.Equal(belowFully - 1000, result.Count(SimulatedTier.LowTrust));
        Assert.Equal(0, result.Count(SimulatedTier.Human));
        var leastSure = Items.OrderBy(i => i.Light!.Confidence).Take(1000).Select(i => i.ItemId).ToHashSet();
        Assert.All(result.Outcomes.Where(o => o.AskedFoundation), o => Assert.Contains(o.ItemId, leastSure));
    }

    [Fact]
    public void Simulated_humans_catch_the_answers_the_foundation_model_is_unsure_of()
    {
        var task = SpamTask(new BudgetConfig { MaxFoundationItems = N, MaxHumanItems = N });
        var candid = new SimulatedFoundationModel(errorRate: 0.2, seed: 5) { ConfidenceWhenWrong = 0.5 };

        var result = Run(CascadePolicy.Cascade, task, model: candid);

        var asked = result.Outcomes.Where(o => o.AskedFoundation).ToArray();
        Assert.All(asked, o => Assert.True(o.Correct, $"{o.ItemId}: {o.Reason}"));

        // Humans saw the unsure (wrong) answers and the right answers that contradicted a fairly sure light label.
        var answers = Run(CascadePolicy.FoundationOnly, model: candid).Outcomes;
        var expected = Items.Select((item, i) => (item, answer: answers[i]))
            .Where(x => x.item.Light!.Confidence < 0.9f)
            .Count(x => !x.answer.Correct || (x.item.Light!.Confidence >= 0.75f && x.answer.Label != x.item.Light.Label));
        Assert.Equal(expected, result.Count(SimulatedTier.Human));
        Assert.InRange(result.Count(SimulatedTier.Human) / (double)asked.Length, 0.2, 0.3);
    }

    [Fact]
    public void Failed_foundation_calls_fall_back_to_low_trust_light_labels()
    {
        var flaky = new SimulatedFoundationModel(errorRate: 0.03, seed: 11) { FailureRate = 0.1 };

        var foundationOnly = Run(CascadePolicy.FoundationOnly, model: flaky);
        var cascade = Run(CascadePolicy.Cascade, model: flaky);

        Assert.InRange(foundationOnly.Share(SimulatedTier.Unlabelled), 0.09, 0.11);
        Assert.Equal(0, cascade.Count(SimulatedTier.Unlabelled));
        var fellBack = cascade.Outcomes.Select((o, i) => (o, item: Items[i])).Where(x => x.o.Reason.StartsWith("foundation failed", StringComparison.Ordinal)).ToArray();
        Assert.InRange(fellBack.Length / (double)cascade.FoundationCalls, 0.08, 0.12);
        Assert.All(fellBack, x => Assert.Equal((SimulatedTier.LowTrust, x.item.Light!.Label), (x.o.Tier, x.o.Label)));
    }

    [Fact]
    public void Wrong_answers_name_every_other_label_about_equally_often()
    {
        var task = new AnnotationTaskConfig
        {
            Name = "topic", Kind = AnnotationKind.Multiclass, Labels = ["a", "b", "c", "d"], Instructions = "Which topic is this?",
        };
        var items = Enumerable.Range(0, 8000).Select(i => new SimulatedItem($"t{i}", null, "a")).ToArray();

        var result = CascadeSimulation.Run(CascadePolicy.FoundationOnly, task, AnnotationStage.SemiAutomatic, items, new SimulatedFoundationModel(0.3, 1), 0);

        var byLabel = result.Outcomes.GroupBy(o => o.Label!).ToDictionary(g => g.Key, g => g.Count() / 8000.0);
        Assert.InRange(byLabel["a"], 0.68, 0.72);
        Assert.All(["b", "c", "d"], l => Assert.InRange(byLabel[l], 0.08, 0.12));
    }

    [Fact]
    public void A_simulation_is_reproducible_and_an_items_answer_does_not_depend_on_its_position()
    {
        var once = Run(CascadePolicy.Cascade);
        var again = Run(CascadePolicy.Cascade);
        var shuffled = Run(CascadePolicy.FoundationOnly, items: [.. Items.Reverse()]);
        var inOrder = Run(CascadePolicy.FoundationOnly);

        Assert.Equal(once.Outcomes, again.Outcomes);
        Assert.Equal(inOrder.Outcomes, shuffled.Outcomes.Reverse());
    }

    [Fact]
    public void The_threshold_sweep_trades_foundation_calls_for_accuracy_and_finds_the_cheapest_point_within_a_loss()
    {
        double[] thresholds = [0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99];

        var sweep = CascadeSimulation.SweepSemiAutomaticAccept(Task, Items, Model, thresholds, Trained);

        Assert.Equal(thresholds, sweep.Points.Select(p => p.Threshold));
        Assert.True(sweep.Points.Zip(sweep.Points.Skip(1)).All(pair => pair.First.FoundationShare <= pair.Second.FoundationShare));
        Assert.Equal(sweep.Points[4].Result.Correct, Run(CascadePolicy.Cascade).Correct);

        var cheapest = sweep.CheapestWithin(maxAccuracyLoss: 0.02, maxFoundationShare: 0.30);
        Assert.NotNull(cheapest);
        Assert.True(cheapest.Accuracy >= sweep.FoundationOnly.Accuracy - 0.02);
        Assert.DoesNotContain(sweep.Points, p => p.FoundationShare < cheapest.FoundationShare && p.Accuracy >= sweep.FoundationOnly.Accuracy - 0.02);
        Assert.Null(sweep.CheapestWithin(maxAccuracyLoss: 0.0, maxFoundationShare: 0.05));
    }

    [Fact]
    public void Score_tasks_and_foreign_true_labels_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => CascadeSimulation.Run(CascadePolicy.Cascade, QualityTask(), AnnotationStage.SemiAutomatic, [], Model, 0));
        Assert.Throws<ArgumentException>(() => Run(CascadePolicy.Cascade, items: [new SimulatedItem("x", null, "eggs")]));
    }
}

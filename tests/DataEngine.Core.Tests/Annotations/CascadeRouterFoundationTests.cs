using DataEngine.Core.Annotations;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class CascadeRouterFoundationTests
{
    static readonly DataEngine.Core.Pipeline.AnnotationTaskConfig Task = SpamTask();

    static RouteDecision Decide(AnnotationStage stage, Annotation answer, LabelPrediction? light, CascadeBudget budget, int headTrainingLabels = Trained) =>
        CascadeRouter.RouteFoundation(Task, stage, answer, light, headTrainingLabels, budget);

    [Fact]
    public void A_sure_answer_that_agrees_with_the_light_model_stands()
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation("spam", 0.9), Spam(0.8f), Budget());

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.90 ≥ 0.60; agrees with light"), decision);
    }

    [Fact]
    public void An_answer_exactly_at_the_foundation_threshold_stands()
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation("ham", 0.6), light: null, Budget());

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.60 ≥ 0.60"), decision);
    }

    [Fact]
    public void An_unsure_answer_goes_to_a_human_and_out_of_human_budget_stands_with_low_trust()
    {
        var budget = Budget(human: 1);

        var toHuman = Decide(AnnotationStage.SemiAutomatic, Foundation("spam", 0.59), Spam(0.7f), budget);
        var kept = Decide(AnnotationStage.SemiAutomatic, Foundation("spam", 0.55), Spam(0.7f), budget);

        Assert.Equal(new RouteDecision(Route.Human, "foundation confidence 0.59 < 0.60; human budget 1/1 used"), toHuman);
        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.55 < 0.60; human budget spent (1/1); foundation label kept, low trust", LowTrust: true), kept);
    }

    [Fact]
    public void Contradicting_a_confident_light_model_goes_to_a_human()
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation("ham", 0.95), Spam(0.8f), Budget());

        Assert.Equal(new RouteDecision(Route.Human, "foundation says 'ham', light says 'spam' at 0.80 ≥ 0.75; human budget 1/100 used"), decision);
    }

    [Fact]
    public void Contradicting_an_unsure_light_model_overrules_it()
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation("ham", 0.95), Spam(0.74f), Budget());

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.95 ≥ 0.60; light 'spam' at 0.74 overruled"), decision);
    }

    [Fact]
    public void An_under_trained_head_is_never_a_confident_contradiction()
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation("ham", 0.95), Spam(0.99f), Budget(), headTrainingLabels: 3);

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.95 ≥ 0.60"), decision);
    }

    [Fact]
    public void A_failure_goes_to_a_human_then_falls_back_to_the_light_label_with_low_trust_then_to_unlabelled()
    {
        var budget = Budget(human: 1);

        var toHuman = Decide(AnnotationStage.SemiAutomatic, Foundation(null, 0, failed: true), Spam(0.7f), budget);
        var light = Decide(AnnotationStage.SemiAutomatic, Foundation(null, 0, failed: true), Spam(0.7f), budget);
        var none = Decide(AnnotationStage.SemiAutomatic, Foundation(null, 0, failed: true), light: null, budget);
        var untrusted = Decide(AnnotationStage.SemiAutomatic, Foundation(null, 0, failed: true), Spam(0.7f), budget, headTrainingLabels: 0);

        Assert.Equal(new RouteDecision(Route.Human, "foundation failed (timeout); human budget 1/1 used"), toHuman);
        Assert.Equal(new RouteDecision(Route.AcceptLight, "foundation failed (timeout); human budget spent (1/1); light label kept, low trust", LowTrust: true), light);
        Assert.Equal(new RouteDecision(Route.Unlabelled, "foundation failed (timeout); human budget spent (1/1); left unlabelled"), none);
        Assert.Equal(Route.Unlabelled, untrusted.Route);
    }

    [Theory]
    [InlineData(null, "foundation gave no label")]
    [InlineData("maybe", "foundation answered 'maybe', not a label of the task")]
    public void An_answer_that_is_not_a_label_of_the_task_counts_as_a_failure(string? label, string reason)
    {
        var decision = Decide(AnnotationStage.SemiAutomatic, Foundation(label, 0.99), Spam(0.7f), Budget(human: 0));

        Assert.Equal(new RouteDecision(Route.AcceptLight, $"{reason}; no human budget; light label kept, low trust", LowTrust: true), decision);
    }

    [Fact]
    public void Fully_automatic_keeps_an_unsure_answer_with_low_trust_and_never_asks_a_human()
    {
        var budget = Budget(human: 100);

        var unsure = Decide(AnnotationStage.FullyAutomatic, Foundation("spam", 0.4), Spam(0.6f), budget);
        var failed = Decide(AnnotationStage.FullyAutomatic, Foundation(null, 0, failed: true), Spam(0.6f), budget);

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.40 < 0.60; no human review in fully_automatic; foundation label kept, low trust", LowTrust: true), unsure);
        Assert.Equal(new RouteDecision(Route.AcceptLight, "foundation failed (timeout); no human review in fully_automatic; light label kept, low trust", LowTrust: true), failed);
        Assert.Equal(0, budget.HumanItemsUsed);
    }

    [Fact]
    public void Assisted_manual_still_wants_a_human_and_keeps_a_sure_answer_only_with_low_trust()
    {
        var toHuman = Decide(AnnotationStage.AssistedManual, Foundation("spam", 0.9), Spam(0.7f), Budget(human: 1));
        var kept = Decide(AnnotationStage.AssistedManual, Foundation("spam", 0.9), Spam(0.7f), Budget(human: 0));

        Assert.Equal(new RouteDecision(Route.Human, "assisted_manual: humans label every item (foundation proposes 'spam' at 0.90); human budget 1/1 used"), toHuman);
        Assert.Equal(Route.Foundation, kept.Route);
        Assert.True(kept.LowTrust);
    }

    [Fact]
    public void A_score_answer_stands_when_sure_and_a_missing_score_is_a_failure()
    {
        var task = QualityTask();
        Annotation Score(double? score, double confidence) =>
            new("quality", null, score, confidence, new Annotator(AnnotatorKind.FoundationModel, "gpt-test"));

        var sure = CascadeRouter.RouteFoundation(task, AnnotationStage.SemiAutomatic, Score(0.7, 0.9), null, 0, Budget());
        var missing = CascadeRouter.RouteFoundation(task, AnnotationStage.SemiAutomatic, Score(null, 0.9), null, 0, Budget(human: 0));
        var outOfRange = CascadeRouter.RouteFoundation(task, AnnotationStage.SemiAutomatic, Score(1.5, 0.9), null, 0, Budget(human: 1));

        Assert.Equal(new RouteDecision(Route.Foundation, "foundation confidence 0.90 ≥ 0.60"), sure);
        Assert.Equal(new RouteDecision(Route.Unlabelled, "foundation gave no score in [0, 1]; no human budget; left unlabelled"), missing);
        Assert.Equal(Route.Human, outOfRange.Route);
    }

    [Fact]
    public void The_answer_cost_replaces_the_estimate_reserved_for_it()
    {
        var budget = Budget(maxCost: 1.0, estimate: 0.02m);
        Assert.True(budget.TryReserveFoundation());

        Decide(AnnotationStage.SemiAutomatic, Foundation("spam", 0.9, cost: 0.035m), Spam(0.7f), budget);

        Assert.Equal(0.035m, budget.FoundationCostUsed);
        Assert.Equal(1, budget.FoundationItemsUsed);
    }

    [Fact]
    public void An_answer_for_another_task_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => Decide(AnnotationStage.SemiAutomatic, Foundation("spam", 0.9, task: "topic"), null, Budget()));
    }
}

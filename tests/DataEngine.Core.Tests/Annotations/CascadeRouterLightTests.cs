using DataEngine.Core.Annotations;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class CascadeRouterLightTests
{
    static readonly DataEngine.Core.Pipeline.AnnotationTaskConfig Task = SpamTask();

    [Theory]
    [InlineData(AnnotationStage.SemiAutomatic, 0.9f, "light confidence 0.90 ≥ 0.90 (semi_automatic)")]
    [InlineData(AnnotationStage.SemiAutomatic, 0.93f, "light confidence 0.93 ≥ 0.90 (semi_automatic)")]
    [InlineData(AnnotationStage.FullyAutomatic, 0.75f, "light confidence 0.75 ≥ 0.75 (fully_automatic)")]
    public void A_light_label_at_or_above_the_stage_threshold_stands_and_spends_nothing(AnnotationStage stage, float confidence, string reason)
    {
        var budget = Budget();

        var decision = CascadeRouter.RouteLight(Task, stage, Spam(confidence), Trained, budget);

        Assert.Equal(new RouteDecision(Route.AcceptLight, reason), decision);
        Assert.Equal(0, budget.FoundationItemsUsed);
        Assert.Equal(0, budget.HumanItemsUsed);
    }

    [Theory]
    [InlineData(AnnotationStage.SemiAutomatic, 0.899f, "light confidence 0.899 < 0.900 (semi_automatic); foundation budget 1/1000 used")]
    [InlineData(AnnotationStage.SemiAutomatic, 0.71f, "light confidence 0.71 < 0.90 (semi_automatic); foundation budget 1/1000 used")]
    [InlineData(AnnotationStage.FullyAutomatic, 0.749f, "light confidence 0.749 < 0.750 (fully_automatic); foundation budget 1/1000 used")]
    public void A_light_label_below_the_stage_threshold_goes_to_the_foundation_model(AnnotationStage stage, float confidence, string reason)
    {
        var budget = Budget();

        var decision = CascadeRouter.RouteLight(Task, stage, Spam(confidence), Trained, budget);

        Assert.Equal(new RouteDecision(Route.Foundation, reason), decision);
        Assert.Equal(1, budget.FoundationItemsUsed);
    }

    [Fact]
    public void A_ham_label_is_judged_by_its_own_confidence()
    {
        Assert.Equal(Route.AcceptLight, CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Ham(0.95f), Trained, Budget()).Route);
    }

    [Fact]
    public void Semi_automatic_goes_to_a_human_once_the_foundation_budget_is_spent_then_keeps_the_light_label_with_low_trust()
    {
        var budget = Budget(foundation: 2, human: 1);
        budget.TryReserveFoundation();
        budget.TryReserveFoundation();

        var toHuman = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.71f), Trained, budget);
        var kept = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.72f), Trained, budget);

        Assert.Equal(new RouteDecision(Route.Human, "light confidence 0.71 < 0.90 (semi_automatic); foundation budget spent (2/2); human budget 1/1 used"), toHuman);
        Assert.Equal(
            new RouteDecision(Route.AcceptLight, "light confidence 0.72 < 0.90 (semi_automatic); foundation budget spent (2/2); human budget spent (1/1); light label kept, low trust", LowTrust: true),
            kept);
    }

    [Fact]
    public void With_no_budget_configured_the_reason_says_so_rather_than_spent()
    {
        var decision = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.6f), Trained, Budget(foundation: 0, human: 0));

        Assert.Equal("light confidence 0.60 < 0.90 (semi_automatic); no foundation budget; no human budget; light label kept, low trust", decision.Reason);
        Assert.True(decision.LowTrust);
    }

    [Fact]
    public void Fully_automatic_never_sends_an_item_to_a_human_even_with_human_budget_left()
    {
        var budget = Budget(foundation: 0, human: 100);

        var decision = CascadeRouter.RouteLight(Task, AnnotationStage.FullyAutomatic, Spam(0.6f), Trained, budget);

        Assert.Equal(
            new RouteDecision(Route.AcceptLight, "light confidence 0.60 < 0.75 (fully_automatic); no foundation budget; no human review in fully_automatic; light label kept, low trust", LowTrust: true),
            decision);
        Assert.Equal(0, budget.HumanItemsUsed);
    }

    [Fact]
    public void Assisted_manual_sends_even_a_confident_item_to_a_human_with_the_light_label_as_proposal()
    {
        var budget = Budget();

        var decision = CascadeRouter.RouteLight(Task, AnnotationStage.AssistedManual, Spam(0.99f), Trained, budget);

        Assert.Equal(new RouteDecision(Route.Human, "assisted_manual: humans label every item (light proposes 'spam' at 0.99); human budget 1/100 used"), decision);
        Assert.Equal(0, budget.FoundationItemsUsed);
    }

    [Fact]
    public void Assisted_manual_out_of_human_budget_asks_the_foundation_model_then_keeps_the_light_label_with_low_trust()
    {
        var budget = Budget(foundation: 1, human: 0);

        var toFoundation = CascadeRouter.RouteLight(Task, AnnotationStage.AssistedManual, Spam(0.99f), Trained, budget);
        var kept = CascadeRouter.RouteLight(Task, AnnotationStage.AssistedManual, Spam(0.98f), Trained, budget);

        Assert.Equal(Route.Foundation, toFoundation.Route);
        Assert.EndsWith("no human budget; foundation budget 1/1 used", toFoundation.Reason);
        Assert.Equal(Route.AcceptLight, kept.Route);
        Assert.True(kept.LowTrust);
        Assert.EndsWith("no human budget; foundation budget spent (1/1); light label kept, low trust", kept.Reason);
    }

    [Theory]
    [InlineData(AnnotationStage.SemiAutomatic)]
    [InlineData(AnnotationStage.FullyAutomatic)]
    public void With_no_light_prediction_the_item_escalates(AnnotationStage stage)
    {
        var decision = CascadeRouter.RouteLight(Task, stage, light: null, headTrainingLabels: 0, Budget());

        Assert.Equal(new RouteDecision(Route.Foundation, "no light prediction; foundation budget 1/1000 used"), decision);
    }

    [Fact]
    public void An_under_trained_head_is_not_trusted_however_confident_and_a_trained_one_is_from_the_minimum_on()
    {
        var under = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.99f), headTrainingLabels: 49, Budget());
        var atMinimum = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.99f), headTrainingLabels: 50, Budget());

        Assert.Equal(new RouteDecision(Route.Foundation, "light head trained on 49 < 50 labels; foundation budget 1/1000 used"), under);
        Assert.Equal(Route.AcceptLight, atMinimum.Route);
    }

    [Theory]
    [InlineData(AnnotationStage.SemiAutomatic, "no light prediction; foundation budget spent (2/2); human budget spent (1/1); left unlabelled")]
    [InlineData(AnnotationStage.FullyAutomatic, "no light prediction; foundation budget spent (2/2); no human review in fully_automatic; left unlabelled")]
    [InlineData(AnnotationStage.AssistedManual, "assisted_manual: humans label every item (no light prediction); human budget spent (1/1); foundation budget spent (2/2); left unlabelled")]
    public void With_no_light_prediction_and_no_budget_the_item_stays_unlabelled(AnnotationStage stage, string reason)
    {
        var decision = CascadeRouter.RouteLight(Task, stage, light: null, Trained, Spent());

        Assert.Equal(new RouteDecision(Route.Unlabelled, reason), decision);
    }

    [Fact]
    public void An_under_trained_head_label_is_not_even_a_fallback()
    {
        var decision = CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.99f), headTrainingLabels: 10, Spent());

        Assert.Equal(Route.Unlabelled, decision.Route);
        Assert.StartsWith("light head trained on 10 < 50 labels;", decision.Reason);
    }

    [Fact]
    public void A_score_task_goes_to_the_foundation_model_then_a_human_then_stays_unlabelled()
    {
        var task = QualityTask();
        var budget = Budget(foundation: 1, human: 1);

        var decisions = Enumerable.Range(0, 3).Select(_ => CascadeRouter.RouteLight(task, AnnotationStage.SemiAutomatic, null, 0, budget)).ToArray();

        Assert.Equal([Route.Foundation, Route.Human, Route.Unlabelled], decisions.Select(d => d.Route));
        Assert.Equal("score task (no light head); foundation budget 1/1 used", decisions[0].Reason);
        Assert.Equal(Route.Unlabelled, CascadeRouter.RouteLight(task, AnnotationStage.FullyAutomatic, null, 0, Budget(foundation: 0)).Route);
    }

    [Fact]
    public void A_prediction_that_does_not_fit_the_task_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => CascadeRouter.RouteLight(QualityTask(), AnnotationStage.SemiAutomatic, Spam(0.9f), Trained, Budget()));
        var otherLabels = new LabelPrediction(["spam", "ham"], [0.1f, 0.9f]);
        Assert.Throws<ArgumentException>(() => CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, otherLabels, Trained, Budget()));
    }

    [Fact]
    public void The_money_cap_stops_foundation_calls_at_the_estimated_cost()
    {
        var budget = Budget(foundation: 1000, human: 100, maxCost: 0.05, estimate: 0.02m);

        var decisions = Enumerable.Range(0, 3).Select(_ => CascadeRouter.RouteLight(Task, AnnotationStage.SemiAutomatic, Spam(0.6f), Trained, budget)).ToArray();

        Assert.Equal([Route.Foundation, Route.Foundation, Route.Human], decisions.Select(d => d.Route));
        Assert.Contains("foundation budget 2/1000 items, cost 0.04/0.05 used", decisions[1].Reason);
        Assert.Contains("foundation budget spent (2/1000 items, cost 0.04/0.05)", decisions[2].Reason);
    }
}

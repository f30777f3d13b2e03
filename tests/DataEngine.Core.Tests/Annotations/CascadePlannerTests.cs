using DataEngine.Core.Annotations;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class CascadePlannerTests
{
    static readonly DataEngine.Core.Pipeline.AnnotationTaskConfig Task = SpamTask();

    // By the best label's probability: m2 0.52 < m6 0.55 < m4 0.60 < m5 0.70 < m1 0.85 < m3 0.95.
    static readonly (string ItemId, LabelPrediction? Light)[] Batch =
    [
        ("m1", Spam(0.85f)),
        ("m2", Ham(0.52f)),
        ("m3", Spam(0.95f)),
        ("m4", Ham(0.60f)),
        ("m5", Spam(0.70f)),
        ("m6", Spam(0.55f)),
    ];

    [Fact]
    public void When_the_budget_runs_out_mid_batch_the_least_confident_items_got_it_and_decisions_come_back_in_input_order()
    {
        var budget = Budget(foundation: 2, human: 1);

        var plan = CascadePlanner.Plan(Task, AnnotationStage.SemiAutomatic, Batch, Trained, budget);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], plan.Select(p => p.ItemId));
        Assert.Equal(
            [
                (Route.AcceptLight, true),
                (Route.Foundation, false),
                (Route.AcceptLight, false),
                (Route.Human, false),
                (Route.AcceptLight, true),
                (Route.Foundation, false),
            ],
            plan.Select(p => (p.Decision.Route, p.Decision.LowTrust)));
        Assert.Equal("light confidence 0.52 < 0.90 (semi_automatic); foundation budget 1/2 used", plan[1].Decision.Reason);
        Assert.Equal("light confidence 0.55 < 0.90 (semi_automatic); foundation budget 2/2 used", plan[5].Decision.Reason);
    }

    [Fact]
    public void Equally_confident_items_take_the_budget_in_item_id_order_whatever_the_file_order()
    {
        (string, LabelPrediction?)[] items = [("b", Spam(0.7f)), ("a", Spam(0.7f)), ("c", Spam(0.7f))];

        var plan = CascadePlanner.Plan(Task, AnnotationStage.FullyAutomatic, items, Trained, Budget(foundation: 1));

        Assert.Equal(["a"], plan.Where(p => p.Decision.Route == Route.Foundation).Select(p => p.ItemId));
    }

    [Fact]
    public void An_item_without_a_prediction_is_served_before_any_predicted_one()
    {
        (string, LabelPrediction?)[] items = [("x", Spam(0.51f)), ("y", null)];

        var plan = CascadePlanner.Plan(Task, AnnotationStage.SemiAutomatic, items, Trained, Budget(foundation: 1, human: 0));

        Assert.Equal([Route.AcceptLight, Route.Foundation], plan.Select(p => p.Decision.Route));
    }

    [Fact]
    public void The_same_batch_gives_the_same_decisions_in_any_order()
    {
        var once = CascadePlanner.Plan(Task, AnnotationStage.SemiAutomatic, Batch, Trained, Budget(foundation: 2, human: 1));
        var again = CascadePlanner.Plan(Task, AnnotationStage.SemiAutomatic, Batch, Trained, Budget(foundation: 2, human: 1));
        var reversed = CascadePlanner.Plan(Task, AnnotationStage.SemiAutomatic, [.. Batch.Reverse()], Trained, Budget(foundation: 2, human: 1));

        Assert.Equal(once, again);
        Assert.Equal(once.OrderBy(p => p.ItemId, StringComparer.Ordinal), reversed.OrderBy(p => p.ItemId, StringComparer.Ordinal));
    }

    [Fact]
    public void After_the_foundation_model_a_scarce_human_budget_goes_to_failures_then_the_least_sure_answers()
    {
        (string, LabelPrediction?, Annotation)[] answered =
        [
            ("a", Spam(0.7f), Foundation("spam", 0.55)),
            ("b", Spam(0.7f), Foundation(null, 0, failed: true)),
            ("c", Spam(0.7f), Foundation("spam", 0.40)),
            ("d", Spam(0.7f), Foundation("spam", 0.90)),
        ];

        var one = CascadePlanner.PlanAfterFoundation(Task, AnnotationStage.SemiAutomatic, answered, Trained, Budget(human: 1));
        var two = CascadePlanner.PlanAfterFoundation(Task, AnnotationStage.SemiAutomatic, answered, Trained, Budget(human: 2));

        Assert.Equal(
            [(Route.Foundation, true), (Route.Human, false), (Route.Foundation, true), (Route.Foundation, false)],
            one.Select(p => (p.Decision.Route, p.Decision.LowTrust)));
        Assert.Equal(["b", "c"], two.Where(p => p.Decision.Route == Route.Human).Select(p => p.ItemId));
    }
}

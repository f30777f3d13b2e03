using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Annotations;

/// <summary>Active learning decides which of the items the cascade would send to people get the human budget, and says why.</summary>
public sealed class ReviewPicksTests
{
    static readonly string[] Labels = ["ham", "spam"];

    static AnnotationTaskConfig Task(SelectionStrategy strategy) => new()
    {
        Name = "spam",
        Labels = Labels,
        Instructions = "Is this unsolicited bulk mail?",
        Stage = AnnotationStage.SemiAutomatic,
        Routing = new RoutingConfig { MinTrainingLabels = 0 },
        Budget = new BudgetConfig { MaxFoundationItems = 0, MaxHumanItems = 3 },
        ReviewSelection = new ReviewSelectionConfig { Strategy = strategy },
    };

    [Fact]
    public void With_more_items_wanting_review_than_the_budget_margin_picks_the_closest_calls_and_the_rest_are_told_why_not()
    {
        // Confidence of "spam": 0.51 and 0.49 are the closest calls, then 0.60; 0.95 is accepted by the light head.
        double[] spam = [0.70, 0.51, 0.80, 0.49, 0.60, 0.95, 0.30, 0.75];
        var task = Task(SelectionStrategy.Margin);
        var (planned, light) = Items(spam);

        var review = ReviewPicks.For(task, planned, light, task.Budget, seed: 1);
        var routes = CascadePlanner.Plan(task, task.Stage, planned, int.MaxValue, new CascadeBudget(task.Budget), review);

        var human = routes.Where(r => r.Decision.Route == Route.Human).Select(r => r.ItemId).Order().ToList();
        Assert.Equal(["item-1", "item-3", "item-4"], human);
        Assert.Contains("picked for review: margin", routes[1].Decision.Reason);
        Assert.Contains("not picked for review (active learning picked 3 of 7", routes[0].Decision.Reason);
        Assert.Equal(Route.AcceptLight, routes[5].Decision.Route);
    }

    [Fact]
    public void When_the_budget_covers_every_item_that_wants_review_the_cascade_takes_them_all_as_before()
    {
        var task = Task(SelectionStrategy.Margin) with { Budget = new BudgetConfig { MaxFoundationItems = 0, MaxHumanItems = 10 } };
        var (planned, light) = Items([0.5, 0.6, 0.7]);
        Assert.Null(ReviewPicks.For(task, planned, light, task.Budget, seed: 1));
    }

    [Fact]
    public void Without_predictions_the_default_strategy_still_spends_the_budget_at_random_and_the_same_seed_picks_the_same()
    {
        var task = Task(SelectionStrategy.UncertaintyDiversity);
        var planned = Enumerable.Range(0, 10).Select(i => ($"item-{i}", (LabelPrediction?)null)).ToList();
        var light = planned.Select(_ => ((LabelPrediction?)null, (IReadOnlyList<float>?)null)).ToList();

        string[] Picked(int seed)
        {
            var review = ReviewPicks.For(task, planned, light, task.Budget, seed)!;
            return [.. planned.Where(p => review(p.Item1).Picked == true).Select(p => p.Item1)];
        }

        Assert.Equal(3, Picked(5).Length);
        Assert.Equal(Picked(5), Picked(5));
        Assert.Contains("had nothing to rank it by", ReviewPicks.For(task, planned, light, task.Budget, 5)!(Picked(5)[0]).Why);
    }

    static (List<(string, LabelPrediction?)> Planned, List<(LabelPrediction?, IReadOnlyList<float>?)> Light) Items(double[] spam)
    {
        var predictions = spam.Select(p => new LabelPrediction(Labels, [(float)(1 - p), (float)p])).ToList();
        return (
            [.. predictions.Select((p, i) => ($"item-{i}", (LabelPrediction?)p))],
            [.. predictions.Select(p => ((LabelPrediction?)p, (IReadOnlyList<float>?)null))]);
    }
}

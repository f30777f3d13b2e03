using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class BudgetPlannerTests
{
    [Fact]
    public void Parts_sum_exactly_to_the_run_budget_with_leftovers_to_the_largest_remainders()
    {
        var parts = BudgetPlanner.Split(new BudgetConfig { MaxFoundationItems = 1000, MaxHumanItems = 10, MaxFoundationCost = 5 }, [3, 3, 3]);

        Assert.Equal([334, 333, 333], parts.Select(p => p.MaxFoundationItems));
        Assert.Equal([4, 3, 3], parts.Select(p => p.MaxHumanItems));
        Assert.Equal([1.666667, 1.666667, 1.666666], parts.Select(p => p.MaxFoundationCost));
    }

    [Fact]
    public void Each_part_is_within_one_unit_of_its_proportional_share_and_the_parts_sum_exactly()
    {
        var random = new Random(7);
        var counts = Enumerable.Range(0, 37).Select(_ => random.Next(0, 500)).ToArray();
        var run = new BudgetConfig { MaxFoundationItems = 1234, MaxHumanItems = 57, MaxFoundationCost = 12.345 };
        var total = (double)counts.Sum();

        var parts = BudgetPlanner.Split(run, counts);

        Assert.Equal(run.MaxFoundationItems, parts.Sum(p => p.MaxFoundationItems));
        Assert.Equal(run.MaxHumanItems, parts.Sum(p => p.MaxHumanItems));
        Assert.Equal((decimal)run.MaxFoundationCost, parts.Sum(p => (decimal)p.MaxFoundationCost));
        for (var i = 0; i < counts.Length; i++)
        {
            Assert.InRange(parts[i].MaxFoundationItems - (run.MaxFoundationItems * counts[i] / total), -1, 1);
            Assert.InRange(parts[i].MaxHumanItems - (run.MaxHumanItems * counts[i] / total), -1, 1);
            Assert.InRange(parts[i].MaxFoundationCost - (run.MaxFoundationCost * counts[i] / total), -1e-6, 1e-6);
        }
    }

    [Fact]
    public void An_empty_batch_gets_nothing_and_no_money_cap_stays_no_money_cap()
    {
        var parts = BudgetPlanner.Split(new BudgetConfig { MaxFoundationItems = 10, MaxHumanItems = 4, MaxFoundationCost = 0 }, [0, 5, 5]);

        Assert.Equal([0, 5, 5], parts.Select(p => p.MaxFoundationItems));
        Assert.Equal([0, 2, 2], parts.Select(p => p.MaxHumanItems));
        Assert.All(parts, p => Assert.Equal(0, p.MaxFoundationCost));
        Assert.Empty(BudgetPlanner.Split(new BudgetConfig(), []));
    }

    [Fact]
    public void A_capped_batch_whose_money_share_rounds_to_nothing_gets_no_foundation_items_rather_than_no_cap()
    {
        var parts = BudgetPlanner.Split(new BudgetConfig { MaxFoundationItems = 100, MaxFoundationCost = 0.000001 }, [1, 1]);

        Assert.Equal([1e-6, 0], parts.Select(p => p.MaxFoundationCost));
        Assert.Equal(0, parts[1].MaxFoundationItems);
    }

    [Fact]
    public void Batches_deciding_alone_on_their_parts_never_overspend_the_run()
    {
        var task = SpamTask();
        var run = new BudgetConfig { MaxFoundationItems = 25, MaxHumanItems = 7, MaxFoundationCost = 0.6 };
        int[] sizes = [40, 13, 27, 20];
        var parts = BudgetPlanner.Split(run, sizes);

        var budgets = parts.Select(p => new CascadeBudget(p, estimatedFoundationCost: 0.01m)).ToArray();
        for (var b = 0; b < sizes.Length; b++)
        {
            var items = Enumerable.Range(0, sizes[b]).Select(i => ($"b{b}-{i:D3}", (LabelPrediction?)Spam(0.6f))).ToArray();
            CascadePlanner.Plan(task, AnnotationStage.SemiAutomatic, items, Trained, budgets[b]);
        }

        Assert.Equal(25, budgets.Sum(b => b.FoundationItemsUsed));
        Assert.Equal(7, budgets.Sum(b => b.HumanItemsUsed));
        Assert.True(budgets.Sum(b => b.FoundationCostUsed) <= 0.6m);
    }

    [Fact]
    public void A_negative_batch_size_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetPlanner.Split(new BudgetConfig(), [3, -1]));
    }
}

using DataEngine.Core.Annotations;
using static DataEngine.Core.Tests.Annotations.CascadeFixtures;

namespace DataEngine.Core.Tests.Annotations;

public sealed class CascadeBudgetTests
{
    [Fact]
    public void Reservations_stop_at_the_item_caps_and_a_refused_one_reserves_nothing()
    {
        var budget = Budget(foundation: 2, human: 1);

        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(_ => budget.TryReserveFoundation()));
        Assert.Equal([true, false], Enumerable.Range(0, 2).Select(_ => budget.TryReserveHuman()));
        Assert.Equal(2, budget.FoundationItemsUsed);
        Assert.Equal(1, budget.HumanItemsUsed);
        Assert.Equal("foundation 2/2, human 1/1", budget.ToString());
    }

    [Fact]
    public void Recorded_costs_replace_estimates_and_free_room_under_the_money_cap()
    {
        var budget = Budget(maxCost: 0.05, estimate: 0.02m);
        Assert.True(budget.TryReserveFoundation());
        Assert.True(budget.TryReserveFoundation());
        Assert.False(budget.TryReserveFoundation());
        Assert.Equal(0.04m, budget.FoundationCostUsed);

        budget.RecordFoundationCost(0.005m);
        budget.RecordFoundationCost(0.005m);

        Assert.Equal(0.01m, budget.FoundationCostUsed);
        Assert.True(budget.TryReserveFoundation());
        Assert.Equal("3/1000 items, cost 0.03/0.05", budget.DescribeFoundation());
    }

    [Fact]
    public void Without_an_estimate_the_money_cap_bites_once_recorded_costs_reach_it()
    {
        var budget = Budget(maxCost: 0.05);
        Assert.True(budget.TryReserveFoundation());
        budget.RecordFoundationCost(0.03m);
        Assert.True(budget.TryReserveFoundation());
        budget.RecordFoundationCost(0.03m);

        Assert.False(budget.TryReserveFoundation());
        Assert.Equal(0.06m, budget.FoundationCostUsed);
    }

    [Fact]
    public void A_cost_recorded_with_no_reservation_outstanding_is_still_spent()
    {
        var budget = Budget(estimate: 0.02m);

        budget.RecordFoundationCost(0.01m);

        Assert.Equal(0.01m, budget.FoundationCostUsed);
    }

    [Fact]
    public void No_money_cap_means_only_the_item_cap_counts()
    {
        var budget = Budget(foundation: 3, maxCost: 0, estimate: 100m);

        Assert.Equal(3, Enumerable.Range(0, 5).Count(_ => budget.TryReserveFoundation()));
    }
}

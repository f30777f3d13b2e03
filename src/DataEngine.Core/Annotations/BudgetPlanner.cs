using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations;

/// <summary>
/// Divides one run's budget for a task across the batches a durable run fans out in parallel, in proportion to their
/// item counts, so each batch can decide alone and the run as a whole never spends more than its budget.
/// </summary>
/// <remarks>
/// Each cap is split by the largest-remainder (Hamilton) method: every batch gets the floor of its exact quota, and the
/// units left over go to the largest fractional remainders (ties to the earlier batch), so the parts sum exactly to the
/// whole and each is within one unit of its quota. Money is split in units of <see cref="CostUnit"/>. A batch's unspent
/// budget is not carried to others, so a run may under-spend when some batches need less than their share.
/// </remarks>
public static class BudgetPlanner
{
    /// <summary>The smallest amount of money a batch's share is counted in (a millionth of the pricing currency).</summary>
    public const decimal CostUnit = 0.000001m;

    /// <summary>One budget per batch, in batch order.</summary>
    /// <param name="runBudget">What the run may spend on the task.</param>
    /// <param name="batchItemCounts">How many items of the task each batch holds (zero allowed).</param>
    public static IReadOnlyList<BudgetConfig> Split(BudgetConfig runBudget, IReadOnlyList<int> batchItemCounts)
    {
        ArgumentNullException.ThrowIfNull(runBudget);
        ArgumentNullException.ThrowIfNull(batchItemCounts);
        foreach (var count in batchItemCounts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(batchItemCounts));
        }

        var foundationItems = LargestRemainder(runBudget.MaxFoundationItems, batchItemCounts);
        var humanItems = LargestRemainder(runBudget.MaxHumanItems, batchItemCounts);

        // The pipeline config reads a money cap of 0 as "no money cap", so a capped run must never hand a batch a zero
        // share that would read as unlimited: such a batch gets no foundation items instead (only when its share is
        // below one cost unit, which no realistic budget reaches).
        var costUnits = runBudget.MaxFoundationCost > 0 ? (long)Math.Floor((decimal)runBudget.MaxFoundationCost / CostUnit) : 0;
        var costShares = LargestRemainder(costUnits, batchItemCounts);

        var parts = new BudgetConfig[batchItemCounts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var capped = runBudget.MaxFoundationCost > 0;
            var cost = capped ? (double)(costShares[i] * CostUnit) : 0;
            parts[i] = runBudget with
            {
                MaxFoundationItems = capped && costShares[i] == 0 ? 0 : (int)foundationItems[i],
                MaxFoundationCost = cost,
                MaxHumanItems = (int)humanItems[i],
            };
        }

        return parts;
    }

    /// <summary>Splits <paramref name="total"/> whole units in proportion to <paramref name="weights"/>; the parts sum to it exactly.</summary>
    static long[] LargestRemainder(long total, IReadOnlyList<int> weights)
    {
        var parts = new long[weights.Count];
        long weightSum = 0;
        foreach (var w in weights)
        {
            weightSum += w;
        }

        if (weightSum == 0 || total == 0)
        {
            return parts;
        }

        // Int128: a money cap in millionths times a batch size overflows a long.
        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / weightSum);
            remainders[i] = exact % weightSum;
            given += parts[i];
        }

        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i);
        foreach (var i in order.Take((int)(total - given)))
        {
            parts[i]++;
        }

        return parts;
    }
}

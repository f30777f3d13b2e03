using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// A batch's place in its run, enough to give it its share of the run's budgets without asking anyone: the run's
/// planned items and batch count (every batch but the last holds the configured batch size).
/// </summary>
public sealed record BatchShare(int BatchIndex, int BatchCount, long PlannedItems)
{
    /// <summary>This batch's part of <paramref name="runBudget"/>, proportional to its planned items.</summary>
    public BudgetConfig Of(BudgetConfig runBudget, int batchSize)
    {
        var sizes = new int[BatchCount];
        for (var i = 0; i < BatchCount; i++)
        {
            sizes[i] = (int)Math.Clamp(PlannedItems - (long)i * batchSize, 0, batchSize);
        }

        return BudgetPlanner.Split(runBudget, sizes)[BatchIndex];
    }

    /// <summary>
    /// This batch's part of <paramref name="task"/>'s budget as the cascade may spend it: no foundation budget without a
    /// foundation endpoint, and no human budget without reviewers (nobody would answer: the run would only wait).
    /// </summary>
    public BudgetConfig For(PipelineConfig config, AnnotationTaskConfig task, bool hasFoundation)
    {
        var budget = Of(task.Budget, config.Batching.BatchSize);
        if (!hasFoundation)
        {
            budget = budget with { MaxFoundationItems = 0, MaxFoundationCost = 0 };
        }

        return config.Reviews.Reviewers.Count == 0 ? budget with { MaxHumanItems = 0 } : budget;
    }
}

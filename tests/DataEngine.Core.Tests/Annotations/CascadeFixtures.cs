using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Annotations;

/// <summary>A spam task, its predictions and answers, with the config's default thresholds (0.9 / 0.75 / 0.6, 50 labels).</summary>
static class CascadeFixtures
{
    /// <summary>A head trained on enough labels to be trusted.</summary>
    public const int Trained = 500;

    public static readonly IReadOnlyList<string> SpamLabels = ["ham", "spam"];

    public static AnnotationTaskConfig SpamTask(BudgetConfig? budget = null) => new()
    {
        Name = "spam",
        Kind = AnnotationKind.Binary,
        Labels = SpamLabels,
        Instructions = "Is this mail unsolicited bulk mail?",
        Budget = budget ?? new BudgetConfig(),
    };

    public static AnnotationTaskConfig QualityTask() => new()
    {
        Name = "quality",
        Kind = AnnotationKind.Score,
        Instructions = "How useful is this text for training, from 0 to 1?",
    };

    /// <summary>The light head says spam with this probability.</summary>
    public static LabelPrediction Spam(float confidence) => new(SpamLabels, [1 - confidence, confidence]);

    /// <summary>The light head says ham with this probability.</summary>
    public static LabelPrediction Ham(float confidence) => new(SpamLabels, [confidence, 1 - confidence]);

    public static Annotation Foundation(string? label, double confidence, decimal cost = 0m, bool failed = false, string task = "spam") =>
        new(task, label, null, confidence, new Annotator(AnnotatorKind.FoundationModel, "gpt-test"), cost, Reason: failed ? "timeout" : null, Failed: failed);

    public static CascadeBudget Budget(int foundation = 1000, int human = 100, double maxCost = 0, decimal estimate = 0m) =>
        new(new BudgetConfig { MaxFoundationItems = foundation, MaxHumanItems = human, MaxFoundationCost = maxCost }, estimate);

    /// <summary>A budget with every foundation and human item already reserved.</summary>
    public static CascadeBudget Spent(int foundation = 2, int human = 1)
    {
        var budget = Budget(foundation, human);
        while (budget.TryReserveFoundation())
        {
        }

        while (budget.TryReserveHuman())
        {
        }

        return budget;
    }
}

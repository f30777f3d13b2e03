using System.Globalization;
using System.Text.Json;

namespace DataEngine.Core.Annotations;

/// <summary>Threshold comparisons and the short, numbered phrases the cascade's reasons are built from.</summary>
static class CascadeReasons
{
    /// <summary>
    /// Whether a confidence reaches a threshold. Light models give float probabilities, so 0.9f (0.89999997 as a double)
    /// must count as reaching a configured 0.9: both sides are compared at float precision.
    /// </summary>
    public static bool Reaches(double confidence, double threshold) => (float)confidence >= (float)threshold;

    /// <summary>"0.93 ≥ 0.90" or "0.71 &lt; 0.90", with as many digits as it takes for the printed numbers to agree with the sign.</summary>
    public static string Compare(double confidence, double threshold)
    {
        var reaches = Reaches(confidence, threshold);
        var sign = reaches ? "≥" : "<";
        for (var digits = 2; digits < 7; digits++)
        {
            var left = Math.Round(confidence, digits, MidpointRounding.AwayFromZero);
            var right = Math.Round(threshold, digits, MidpointRounding.AwayFromZero);
            if (reaches ? left >= right : left < right)
            {
                return $"{Number(left, digits)} {sign} {Number(right, digits)}";
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{confidence:R} {sign} {threshold:R}");
    }

    public static string Number(double value, int digits = 2) => value.ToString("F" + digits, CultureInfo.InvariantCulture);

    /// <summary>The stage as the pipeline config spells it ("semi_automatic").</summary>
    public static string Stage(AnnotationStage stage) => JsonNamingPolicy.SnakeCaseLower.ConvertName(stage.ToString());

    public static string FoundationUsed(CascadeBudget budget) => $"foundation budget {budget.DescribeFoundation()} used";

    public static string FoundationSpent(CascadeBudget budget) => budget.Limits.MaxFoundationItems == 0
        ? "no foundation budget"
        : $"foundation budget spent ({budget.DescribeFoundation()})";

    public static string HumanUsed(CascadeBudget budget) => $"human budget {budget.DescribeHuman()} used";

    public static string HumanSpent(CascadeBudget budget) => budget.Limits.MaxHumanItems == 0
        ? "no human budget"
        : $"human budget spent ({budget.DescribeHuman()})";

    public const string NoHumanInFullyAutomatic = "no human review in fully_automatic";
}

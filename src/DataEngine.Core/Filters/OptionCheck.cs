using System.Globalization;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Filters;

/// <summary>Range checks for filter options, each failing with a message that names the filter, the option, the value and what is allowed.</summary>
internal static class OptionCheck
{
    public static void AtLeast(string filter, string option, int? value, int minimum)
    {
        if (value < minimum)
        {
            throw Error(filter, option, Show(value.Value), $"a whole number of at least {minimum}, or null to disable the rule");
        }
    }

    public static void NonNegative(string filter, string option, double? value)
    {
        if (value is { } v && !(v >= 0 && double.IsFinite(v)))
        {
            throw Error(filter, option, Show(v), "a number of at least 0, or null to disable the rule");
        }
    }

    public static void Fraction(string filter, string option, double? value)
    {
        if (value is { } v && !(v is >= 0 and <= 1))
        {
            throw Error(filter, option, Show(v), "a fraction between 0 and 1, or null to disable the rule");
        }
    }

    public static void Ordered(string filter, string minOption, double? min, string maxOption, double? max)
    {
        if (min > max)
        {
            throw new PipelineConfigException(
                $"Filter '{filter}': option '{minOption}' is {Show(min.Value)}, more than '{maxOption}' ({Show(max.Value)}); allowed: {minOption} <= {maxOption}.");
        }
    }

    public static PipelineConfigException Error(string filter, string option, string value, string allowed) =>
        new($"Filter '{filter}': option '{option}' is {value}; allowed: {allowed}.");

    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

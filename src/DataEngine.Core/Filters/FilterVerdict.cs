namespace DataEngine.Core.Filters;

/// <summary>A filter's answer for one document: keep it, or drop it naming the rule, the measured value and the threshold it failed.</summary>
public readonly record struct FilterVerdict(bool Keep, string? Rule, double Value, double Threshold)
{
    public static FilterVerdict Pass => new(true, null, 0, 0);

    public static FilterVerdict Drop(string rule, double value, double threshold) => new(false, rule, value, threshold);

    public override string ToString() => Keep ? "keep" : $"{Rule} = {Value:0.###} (threshold {Threshold:0.###})";
}

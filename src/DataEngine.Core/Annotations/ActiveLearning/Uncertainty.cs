namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>
/// The uncertainty measures of uncertainty sampling (Settles, "Active Learning Literature Survey", 2009, §3.1), each as a
/// score where higher means less sure. For two labels all three rank items alike; they differ from three labels up.
/// </summary>
public static class Uncertainty
{
    /// <summary>1 − max p: how far the model is from certain about its best label.</summary>
    public static double LeastConfidence(LabelPrediction prediction) => 1 - prediction.Confidence;

    /// <summary>p(best) − p(second best): small when the model hesitates between two labels.</summary>
    public static double Margin(LabelPrediction prediction)
    {
        var (first, second) = TopTwo(prediction.Probabilities);
        return first - second;
    }

    /// <summary>Shannon entropy −Σ p ln p, in nats (ln 2 ≈ 0.693 at most for two labels).</summary>
    public static double Entropy(LabelPrediction prediction)
    {
        var entropy = 0.0;
        foreach (var p in prediction.Probabilities)
        {
            if (p > 0)
            {
                entropy -= p * Math.Log(p);
            }
        }

        return entropy;
    }

    /// <summary>
    /// The measure as a score (higher = picked first): least confidence and entropy as they are, margin as 1 − margin.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="measure"/> is not an uncertainty strategy.</exception>
    public static double Score(SelectionStrategy measure, LabelPrediction prediction) => measure switch
    {
        SelectionStrategy.LeastConfidence => LeastConfidence(prediction),
        SelectionStrategy.Margin => 1 - Margin(prediction),
        SelectionStrategy.Entropy => Entropy(prediction),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Not an uncertainty measure."),
    };

    /// <summary>The measure's value as reasons quote it (the margin itself, not 1 − margin).</summary>
    internal static double Value(SelectionStrategy measure, LabelPrediction prediction) =>
        measure == SelectionStrategy.Margin ? Margin(prediction) : Score(measure, prediction);

    internal static string Name(SelectionStrategy measure) => measure switch
    {
        SelectionStrategy.LeastConfidence => "least confidence",
        SelectionStrategy.Margin => "margin",
        _ => "entropy",
    };

    static (double First, double Second) TopTwo(IReadOnlyList<float> probabilities)
    {
        double first = double.NegativeInfinity, second = double.NegativeInfinity;
        foreach (var p in probabilities)
        {
            if (p > first)
            {
                second = first;
                first = p;
            }
            else if (p > second)
            {
                second = p;
            }
        }

        return (first, second);
    }
}

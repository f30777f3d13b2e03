namespace DataEngine.Core.Annotations;

/// <summary>A model's probability for each of a task's labels (same order as the task's labels), summing to 1.</summary>
public sealed record LabelPrediction
{
    public LabelPrediction(IReadOnlyList<string> labels, IReadOnlyList<float> probabilities)
    {
        if (labels.Count < 2 || labels.Count != probabilities.Count)
        {
            throw new ArgumentException($"A prediction needs one probability for each of at least two labels (got {labels.Count} labels, {probabilities.Count} probabilities).");
        }

        Labels = labels;
        Probabilities = probabilities;
        var best = 0;
        for (var i = 1; i < probabilities.Count; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        BestIndex = best;
    }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>Index of the most probable label (the first of equals).</summary>
    public int BestIndex { get; }

    /// <summary>The most probable label.</summary>
    public string Label => Labels[BestIndex];

    /// <summary>The probability of the most probable label: the "least confidence" measure is 1 minus this.</summary>
    public double Confidence => Probabilities[BestIndex];
}

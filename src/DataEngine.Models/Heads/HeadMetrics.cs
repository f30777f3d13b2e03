namespace DataEngine.Models.Heads;

/// <summary>
/// How a head did on held-out items. Macro-F1 averages the F1 of each label that occurs in the truth or the
/// predictions. Brier is the multiclass form, Σₖ (pₖ − yₖ)² averaged over items (Brier 1950), so a binary head's value is
/// twice the one-probability form. ECE is the top-label expected calibration error over 10 equal-width confidence bins
/// (Guo et al. 2017, §2).
/// </summary>
public sealed record HeadMetrics(
    int Examples,
    double Accuracy,
    double MacroF1,
    double LogLoss,
    double Brier,
    double ExpectedCalibrationError)
{
    const int Bins = 10;
    const double MinProbability = 1e-15;

    /// <param name="probabilities">Row-major, one probability per label per item.</param>
    /// <param name="labels">The true label index of each item.</param>
    public static HeadMetrics Compute(ReadOnlySpan<float> probabilities, int classes, ReadOnlySpan<int> labels)
    {
        if (probabilities.Length != classes * labels.Length || labels.IsEmpty)
        {
            throw new ArgumentException($"Metrics need {classes} probabilities for each of at least one item (got {probabilities.Length} for {labels.Length}).");
        }

        var truePositives = new int[classes];
        var predicted = new int[classes];
        var actual = new int[classes];
        var binCount = new int[Bins];
        var binConfidence = new double[Bins];
        var binCorrect = new double[Bins];
        double logLoss = 0, brier = 0;
        var correct = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var p = probabilities.Slice(row * classes, classes);
            var truth = labels[row];
            var best = 0;
            for (var k = 0; k < classes; k++)
            {
                best = p[k] > p[best] ? k : best;
                var y = k == truth ? 1.0 : 0.0;
                brier += (p[k] - y) * (p[k] - y);
            }

            logLoss -= Math.Log(Math.Clamp(p[truth], MinProbability, 1));
            predicted[best]++;
            actual[truth]++;
            if (best == truth)
            {
                correct++;
                truePositives[best]++;
            }

            var bin = Math.Min((int)(p[best] * Bins), Bins - 1);
            binCount[bin]++;
            binConfidence[bin] += p[best];
            binCorrect[bin] += best == truth ? 1 : 0;
        }

        var n = labels.Length;
        var ece = 0.0;
        for (var bin = 0; bin < Bins; bin++)
        {
            if (binCount[bin] > 0)
            {
                ece += Math.Abs(binCorrect[bin] - binConfidence[bin]) / n;
            }
        }

        return new HeadMetrics(n, (double)correct / n, MeanF1(truePositives, predicted, actual), logLoss / n, brier / n, ece);
    }

    static double MeanF1(int[] truePositives, int[] predicted, int[] actual)
    {
        double sum = 0;
        var labels = 0;
        for (var k = 0; k < truePositives.Length; k++)
        {
            if (predicted[k] + actual[k] == 0)
            {
                continue;
            }

            labels++;
            sum += 2.0 * truePositives[k] / (predicted[k] + actual[k]);
        }

        return labels == 0 ? 0 : sum / labels;
    }
}

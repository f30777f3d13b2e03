namespace DataEngine.Models.Heads;

/// <summary>
/// Platt scaling: P(positive | s) = σ(A·s + B) fitted to a binary model's raw scores s on held-out items by minimising
/// log loss against Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2), which keep a small calibration set from
/// driving the fit to certainty. J. Platt, "Probabilistic outputs for support vector machines", 1999, §2.2; solved with
/// the Newton method and backtracking line search of Lin, Lin &amp; Weng, "A note on Platt's probabilistic outputs for
/// support vector machines", Machine Learning 68, 2007 (Platt's A is negated here: σ(A·s + B), not 1/(1+exp(A·s + B))).
/// </summary>
public static class PlattScaling
{
    const int MaxIterations = 100;
    const double MinStep = 1e-10;
    const double Sigma = 1e-12;

    /// <param name="scores">Raw scores (margins) of the calibration items.</param>
    /// <param name="positive">Whether each item is of the positive class.</param>
    public static (double A, double B) Fit(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length || scores.IsEmpty)
        {
            throw new ArgumentException($"Platt scaling needs one label per score and at least one of each (got {scores.Length} scores, {positive.Length} labels).");
        }

        var positives = 0;
        foreach (var p in positive)
        {
            positives += p ? 1 : 0;
        }

        var negatives = positive.Length - positives;
        var hiTarget = (positives + 1.0) / (positives + 2.0);
        var loTarget = 1.0 / (negatives + 2.0);
        var targets = new double[scores.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = positive[i] ? hiTarget : loTarget;
        }

        var a = 0.0;
        var b = Math.Log((positives + 1.0) / (negatives + 1.0));
        var loss = Loss(scores, targets, a, b);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = Sigma, h22 = Sigma, h21 = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var p = Sigmoid(a * scores[i] + b);
                var d1 = p - targets[i];
                var d2 = p * (1 - p);
                g1 += scores[i] * d1;
                g2 += d1;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
            }

            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5)
            {
                break;
            }

            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var slope = g1 * da + g2 * db;
            var step = 1.0;
            while (step >= MinStep)
            {
                var next = Loss(scores, targets, a + step * da, b + step * db);
                if (next < loss + 1e-4 * step * slope)
                {
                    a += step * da;
                    b += step * db;
                    loss = next;
                    break;
                }

                step /= 2;
            }

            if (step < MinStep)
            {
                break;
            }
        }

        return (a, b);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>Cross-entropy of σ(a·s + b) against the targets, in a form that cannot overflow.</summary>
    static double Loss(ReadOnlySpan<float> scores, double[] targets, double a, double b)
    {
        var loss = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var z = a * scores[i] + b;
            loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - targets[i] * z;
        }

        return loss;
    }
}

namespace DataEngine.Models.Heads;

/// <summary>
/// Temperature scaling: softmax(z / T) with one temperature T fitted to a multiclass model's logits z on held-out items
/// by minimising negative log-likelihood. It rescales confidence without changing any prediction's arg-max. C. Guo,
/// G. Pleiss, Y. Sun, K. Weinberger, "On calibration of modern neural networks", ICML 2017, §4.2. The NLL is convex in
/// β = 1/T (a one-parameter logistic model), so Newton's method on β with backtracking finds the optimum.
/// </summary>
public static class TemperatureScaling
{
    const double MinBeta = 1e-3;
    const double MaxBeta = 1e3;

    /// <param name="logits">Row-major, <paramref name="classes"/> logits per item.</param>
    /// <param name="labels">The true class index of each item.</param>
    /// <returns>The temperature T (&gt; 0); 1 leaves the model as it is.</returns>
    public static double Fit(ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> labels)
    {
        if (classes < 2 || logits.Length != classes * labels.Length || labels.IsEmpty)
        {
            throw new ArgumentException($"Temperature scaling needs {classes} logits for each of at least one label (got {logits.Length} logits, {labels.Length} labels).");
        }

        var beta = 1.0;
        var loss = Loss(logits, classes, labels, beta, out var gradient, out var curvature);
        for (var iteration = 0; iteration < 100 && Math.Abs(gradient) > 1e-7 && curvature > 1e-12; iteration++)
        {
            var direction = -gradient / curvature;
            var step = 1.0;
            var moved = false;
            while (step >= 1e-10)
            {
                var candidate = Math.Clamp(beta + step * direction, MinBeta, MaxBeta);
                var next = Loss(logits, classes, labels, candidate, out var g, out var c);
                if (next <= loss + 1e-4 * (candidate - beta) * gradient)
                {
                    moved = candidate != beta;
                    (beta, loss, gradient, curvature) = (candidate, next, g, c);
                    break;
                }

                step /= 2;
            }

            if (!moved)
            {
                break;
            }
        }

        return 1 / beta;
    }

    /// <summary>Mean NLL of softmax(β·z), with its first and second derivative in β: E_p[z] − z_y and Var_p[z].</summary>
    static double Loss(ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> labels, double beta, out double gradient, out double curvature)
    {
        double loss = 0, g = 0, c = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var z = logits.Slice(row * classes, classes);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, beta * v);
            }

            double sum = 0, mean = 0, square = 0;
            foreach (var v in z)
            {
                var e = Math.Exp(beta * v - max);
                sum += e;
                mean += e * v;
                square += e * v * v;
            }

            mean /= sum;
            square /= sum;
            loss += max + Math.Log(sum) - beta * z[labels[row]];
            g += mean - z[labels[row]];
            c += square - mean * mean;
        }

        gradient = g / labels.Length;
        curvature = c / labels.Length;
        return loss / labels.Length;
    }
}

using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

public sealed class CalibrationTests
{
    [Fact]
    public void Platt_scaling_recovers_the_slope_and_offset_that_generated_the_labels()
    {
        // Labels drawn with P(positive | s) = σ(2s − 1): the fit should find A ≈ 2, B ≈ −1.
        var random = new Random(3);
        var scores = Enumerable.Range(0, 20_000).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var positive = scores.Select(s => random.NextDouble() < PlattScaling.Sigmoid(2 * s - 1)).ToArray();

        var (a, b) = PlattScaling.Fit(scores, positive);

        Assert.Equal(2, a, tolerance: 0.1);
        Assert.Equal(-1, b, tolerance: 0.1);
    }

    [Fact]
    public void Platt_scaling_on_one_class_stays_finite_thanks_to_the_smoothed_targets()
    {
        var (a, b) = PlattScaling.Fit([1f, 2f, 3f], [true, true, true]);

        var p = PlattScaling.Sigmoid(a * 2 + b);

        Assert.True(double.IsFinite(a) && double.IsFinite(b));
        Assert.InRange(p, 0.5, 0.95); // target (3+1)/(3+2) = 0.8, not certainty
    }

    [Fact]
    public void Temperature_scaling_undoes_logits_made_three_times_too_sharp()
    {
        var random = new Random(5);
        const int classes = 4;
        var logits = new List<float>();
        var labels = new List<int>();
        for (var i = 0; i < 20_000; i++)
        {
            var z = Enumerable.Range(0, classes).Select(_ => random.NextDouble() * 2).ToArray();
            var p = z.Select(Math.Exp).ToArray();
            var draw = random.NextDouble() * p.Sum();
            var label = 0;
            for (var acc = p[0]; acc < draw; acc += p[++label])
            {
            }

            labels.Add(label);
            logits.AddRange(z.Select(v => (float)(3 * v)));
        }

        var t = TemperatureScaling.Fit(logits.ToArray(), classes, labels.ToArray());

        Assert.Equal(3, t, tolerance: 0.2);
    }

    [Fact]
    public void Metrics_of_a_small_case_match_the_hand_computed_values()
    {
        // Three items, two labels: right at 0.9, right at 0.6, wrong at 0.8.
        float[] probabilities = [0.1f, 0.9f, 0.4f, 0.6f, 0.8f, 0.2f];
        int[] labels = [1, 1, 1];

        var m = HeadMetrics.Compute(probabilities, 2, labels);

        Assert.Equal(3, m.Examples);
        Assert.Equal(2.0 / 3, m.Accuracy, precision: 6);
        // Label 1: precision 1, recall 2/3, F1 0.8; label 0: predicted once, never true, F1 0.
        Assert.Equal(0.4, m.MacroF1, precision: 6);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.2)) / 3, m.LogLoss, precision: 5);
        Assert.Equal((2 * 0.01 + 2 * 0.16 + 2 * 0.64) / 3, m.Brier, precision: 5);
        // Bins: 0.9 → [0.9,1] right; 0.6 → [0.6,0.7) right; 0.8 → [0.8,0.9) wrong. ECE = (0.1 + 0.4 + 0.8) / 3.
        Assert.Equal((0.1 + 0.4 + 0.8) / 3, m.ExpectedCalibrationError, precision: 5);
    }
}

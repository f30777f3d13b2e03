namespace DataEngine.Models.Heads;

/// <summary>
/// How a head's raw scores become calibrated probabilities, fitted on its calibration split: Platt scaling of the margin
/// for binary heads (<see cref="PlattScaling"/>), temperature scaling of the logits for multiclass ones
/// (<see cref="TemperatureScaling"/>). A head trained on one source is miscalibrated on another; this is refitted with
/// every version.
/// </summary>
/// <param name="Method"><see cref="Platt"/>, <see cref="Temperature"/> or <see cref="None"/>.</param>
/// <param name="A">Platt slope: P(positive) = σ(A·margin + B).</param>
/// <param name="B">Platt offset.</param>
/// <param name="T">Temperature: P = softmax(logits / T).</param>
public sealed record HeadCalibration(string Method, double A = 1, double B = 0, double T = 1)
{
    public const string Platt = "platt";
    public const string Temperature = "temperature";
    public const string None = "none";

    /// <summary>The uncalibrated model: σ(margin) or softmax(logits).</summary>
    public static HeadCalibration Identity { get; } = new(None);

    /// <summary>Fits the calibration for a head of <paramref name="classes"/> labels to its raw scores on the calibration split.</summary>
    /// <param name="raw">Row-major raw scores: one margin per row (binary) or one logit per label (multiclass).</param>
    public static HeadCalibration Fit(ReadOnlySpan<float> raw, int classes, ReadOnlySpan<int> labels)
    {
        if (classes == 2)
        {
            var positive = new bool[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                positive[i] = labels[i] == 1;
            }

            var (a, b) = PlattScaling.Fit(raw, positive);
            return new HeadCalibration(Platt, A: a, B: b);
        }

        return new HeadCalibration(Temperature, T: TemperatureScaling.Fit(raw, classes, labels));
    }

    /// <summary>Raw scores per row: 1 for a binary head (the margin), one per label for a multiclass head.</summary>
    public static int RawWidth(int classes) => classes == 2 ? 1 : classes;

    /// <summary>Writes the calibrated probabilities of one row, one per label in the head's label order.</summary>
    public void Apply(ReadOnlySpan<float> raw, Span<float> probabilities)
    {
        if (raw.Length == 1)
        {
            var positive = Method == Platt ? PlattScaling.Sigmoid(A * raw[0] + B) : PlattScaling.Sigmoid(raw[0]);
            probabilities[1] = (float)positive;
            probabilities[0] = (float)(1 - positive);
            return;
        }

        var scale = Method == Temperature ? 1 / T : 1;
        var max = double.NegativeInfinity;
        foreach (var z in raw)
        {
            max = Math.Max(max, z * scale);
        }

        var sum = 0.0;
        for (var i = 0; i < raw.Length; i++)
        {
            var e = Math.Exp(raw[i] * scale - max);
            probabilities[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < raw.Length; i++)
        {
            probabilities[i] = (float)(probabilities[i] / sum);
        }
    }

    /// <summary>Applies the calibration to every row of <paramref name="raw"/>.</summary>
    public float[] ApplyAll(ReadOnlySpan<float> raw, int classes)
    {
        var width = RawWidth(classes);
        var rows = raw.Length / width;
        var probabilities = new float[rows * classes];
        for (var row = 0; row < rows; row++)
        {
            Apply(raw.Slice(row * width, width), probabilities.AsSpan(row * classes, classes));
        }

        return probabilities;
    }
}

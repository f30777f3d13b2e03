namespace DataEngine.Cli.Bench;

/// <summary>Medians of repeated measurements: this machine is shared and noisy, so one run proves little.</summary>
static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Round(double value, int digits = 2) => Math.Round(value, digits);
}

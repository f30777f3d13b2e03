using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataEngine.Models.Heads;

/// <summary>
/// Head version ids: a function of the training set and the trainer's settings only, so training again on the same
/// labels names the same version (and is skipped), while a new label or a new trainer setting names a new one.
/// </summary>
public static class HeadVersion
{
    public static string Of(string trainingSetHash, string trainerId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{trainingSetHash}\n{trainerId}")))[..16];

    /// <summary>The split's description, recorded in manifests and compared before two heads share a test split.</summary>
    public static string SplitOf(HeadOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"xxhash64-item-id;seed={options.Seed};train={options.TrainFraction:R};calibration={options.CalibrationFraction:R}");
}

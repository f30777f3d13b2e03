namespace DataEngine.Models.Heads;

/// <summary>
/// The steps every head takes after fitting, whatever its features: fit the calibration on the calibration split's raw
/// scores, then measure the test split before and after it.
/// </summary>
internal static class HeadEvaluation
{
    public static (HeadCalibration Calibration, HeadMetrics HeldOut, HeadMetrics Uncalibrated) Evaluate(
        float[] calibrationRaw, int[] calibrationLabels, float[] testRaw, int[] testLabels, int classes)
    {
        var calibration = HeadCalibration.Fit(calibrationRaw, classes, calibrationLabels);
        var heldOut = HeadMetrics.Compute(calibration.ApplyAll(testRaw, classes), classes, testLabels);
        var uncalibrated = HeadMetrics.Compute(HeadCalibration.Identity.ApplyAll(testRaw, classes), classes, testLabels);
        return (calibration, heldOut, uncalibrated);
    }

    public static HeadCounts Counts<T>(HeadTrainingSet<T> set)
        where T : ILabeledItem =>
        new(set.Train.Count, set.Calibration.Count, set.Test.Count, set.CountsPerLabel);
}

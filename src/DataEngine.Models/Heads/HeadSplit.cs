using System.IO.Hashing;
using System.Text;

namespace DataEngine.Models.Heads;

/// <summary>
/// Assigns items to the train, calibration and test splits by a hash of their id, never by position: the same item lands
/// in the same split whatever order labels arrive in and however many there are, so a test item of today's head was
/// never a training item of yesterday's.
/// </summary>
public static class HeadSplit
{
    public static HeadSplitPart Assign(string itemId, HeadOptions options)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(itemId), options.Seed);
        var position = (hash >> 11) * (1.0 / (1UL << 53));
        return position < options.TrainFraction ? HeadSplitPart.Train
            : position < options.TrainFraction + options.CalibrationFraction ? HeadSplitPart.Calibration
            : HeadSplitPart.Test;
    }
}

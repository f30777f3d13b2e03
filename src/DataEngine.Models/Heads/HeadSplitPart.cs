namespace DataEngine.Models.Heads;

/// <summary>Which part of the labelled items an item serves in: fitting, calibration, or the held-out test.</summary>
public enum HeadSplitPart
{
    Train,
    Calibration,
    Test,
}

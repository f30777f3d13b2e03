namespace DataEngine.Core.Annotations.Batches;

/// <summary>What the light step of a batch decided: (item, task) pairs annotated, and how many it sent up the cascade.</summary>
public sealed record AnnotateCounts(int Pairs, int ToFoundation, int ToHuman)
{
    public static readonly AnnotateCounts None = new(0, 0, 0);
}

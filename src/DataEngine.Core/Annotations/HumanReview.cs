using static DataEngine.Core.Annotations.CascadeReasons;

namespace DataEngine.Core.Annotations;

/// <summary>
/// Whether the cascade may send one item to a person. <see cref="Open"/>: whoever comes first while the human budget
/// lasts. A review decided by active learning: only the picked items go, each with the reason it was picked.
/// </summary>
public sealed record HumanReview(bool? Picked, string? Why)
{
    /// <summary>First come, first served, within the human budget (the cascade's own least-confident-first order).</summary>
    public static readonly HumanReview Open = new(null, null);

    public static HumanReview PickedBecause(string why) => new(true, why);

    public static HumanReview NotPicked(string why) => new(false, why);

    internal bool TryTake(CascadeBudget budget) => Picked != false && budget.TryReserveHuman();

    internal string Taken(CascadeBudget budget) => Picked == true ? $"{HumanUsed(budget)}; picked for review: {Why}" : HumanUsed(budget);

    internal string Refused(CascadeBudget budget) => Picked == false ? $"not picked for review ({Why})" : HumanSpent(budget);
}

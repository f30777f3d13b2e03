namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>One item picked for human review, with the score it was picked by and why, in words and numbers.</summary>
/// <param name="ItemId">The item picked.</param>
/// <param name="Score">The strategy's score at the time of the pick (higher was picked earlier).</param>
/// <param name="Reason">E.g. "margin 0.04 (rank 3 of 500)" or "k-center: farthest from labelled set, distance 0.71".</param>
public sealed record Selection(string ItemId, double Score, string Reason);

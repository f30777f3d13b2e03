namespace DataEngine.Core.Annotations;

/// <summary>The cascade's decision for one item and task, with the reason in words a reviewer of the run can read.</summary>
/// <param name="LowTrust">The label stands only because a better tier was out of budget; QA should weigh it accordingly.</param>
public sealed record RouteDecision(Route Route, string Reason, bool LowTrust = false);

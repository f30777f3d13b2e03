namespace DataEngine.Core.Annotations;

/// <summary>The cascade's decision for one item of a batch.</summary>
public sealed record ItemRoute(string ItemId, RouteDecision Decision);

namespace DataEngine.Models.Heads;

/// <summary>current.json of a task's tier: the promoted version, the one it replaced and the comparison that promoted it.</summary>
public sealed record HeadPointer(string Version, string? Previous, DateTimeOffset PromotedAt, HeadComparison Comparison);

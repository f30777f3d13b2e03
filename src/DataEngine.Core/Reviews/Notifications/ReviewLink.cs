namespace DataEngine.Core.Reviews.Notifications;

/// <summary>One signed callback link: following it makes <see cref="Action"/> (with <see cref="Label"/> for a label link) once.</summary>
/// <param name="Url">Absolute, query already escaped; a bearer credential for one reviewer until its token expires.</param>
public sealed record ReviewLink(ReviewAction Action, string? Label, string Url);

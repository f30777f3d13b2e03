namespace DataEngine.Models.Heads;

/// <summary>A head cannot be trained yet: too few labelled items overall, of one label, or in one split.</summary>
public sealed class NotEnoughLabelsException(string message) : InvalidOperationException(message);

namespace DataEngine.Models.Heads;

/// <summary>A freshly trained head version: its manifest and its model bytes, not stored yet.</summary>
public sealed record TrainedHead(HeadManifest Manifest, byte[] Model);

namespace DataEngine.Core.Ports;

/// <summary>A precondition on a blob write, for writers that may race: create only, or replace only the version that was read.</summary>
public sealed record BlobCondition
{
    /// <summary>The write succeeds only if the blob does not exist yet.</summary>
    public bool CreateOnly { get; init; }

    /// <summary>The write succeeds only if the blob's current ETag is this one.</summary>
    public string? IfMatch { get; init; }

    public static BlobCondition IfNotExists { get; } = new() { CreateOnly = true };

    public static BlobCondition IfUnchanged(string etag) => new() { IfMatch = etag };
}

namespace DataEngine.Core.Ports;

/// <summary>What a listing or a properties call says about a blob.</summary>
public sealed record BlobInfo(BlobRef Ref, long Length, string ETag, DateTimeOffset LastModified);

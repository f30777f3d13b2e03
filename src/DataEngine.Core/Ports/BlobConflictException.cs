namespace DataEngine.Core.Ports;

/// <summary>A conditional blob write lost: the blob exists already, or changed since it was read. Nothing was written.</summary>
public sealed class BlobConflictException(BlobRef blob, string reason, Exception? inner = null)
    : IOException($"Blob '{blob}' was not written: {reason}.", inner)
{
    public BlobRef Blob { get; } = blob;
}

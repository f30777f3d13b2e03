namespace DataEngine.Core.Ports;

/// <summary>Thrown by a blob store when the blob asked for does not exist (or vanished while being read).</summary>
public sealed class BlobNotFoundException(BlobRef blob, Exception? inner = null)
    : IOException($"Blob '{blob}' does not exist (it may have been deleted during the run).", inner)
{
    public BlobRef Blob { get; } = blob;
}

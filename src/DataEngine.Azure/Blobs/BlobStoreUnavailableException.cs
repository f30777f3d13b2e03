using DataEngine.Core.Ports;

namespace DataEngine.Azure.Blobs;

/// <summary>
/// Blob storage kept failing a call after the SDK's retries: it throttled (429/503), failed (5xx), timed out or could not be
/// reached. Nothing half-written became visible. Deliberately not an <see cref="IOException"/>: readers treat those as a
/// source that changed, while this is worth retrying later (the durable activity's retry policy does).
/// </summary>
public sealed class BlobStoreUnavailableException(string message, BlobRef? blob, int? status, Exception inner) : Exception(message, inner)
{
    /// <summary>The blob the call was about, if it was about one.</summary>
    public BlobRef? Blob { get; } = blob;

    /// <summary>The last HTTP status the service answered, or null when it did not answer (timeout, network).</summary>
    public int? Status { get; } = status;
}

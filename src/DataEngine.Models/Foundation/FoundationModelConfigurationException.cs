namespace DataEngine.Models.Foundation;

/// <summary>
/// The endpoint refused the configuration itself (credentials, model or deployment name, endpoint path): every further
/// request would fail the same way, so the call stops instead of failing each item.
/// </summary>
public sealed class FoundationModelConfigurationException : Exception
{
    public FoundationModelConfigurationException(string message, int status, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>The HTTP status the endpoint answered (401, 403, 404).</summary>
    public int Status { get; }
}

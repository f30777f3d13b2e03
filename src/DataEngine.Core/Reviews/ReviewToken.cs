using System.Buffers.Text;
using System.Security.Cryptography;

namespace DataEngine.Core.Reviews;

/// <summary>The claims a signed review link carries: which task, for which reviewer, which action, until when, and a one-time nonce.</summary>
/// <param name="Label">The label the link applies; required for <see cref="ReviewAction.Label"/> and absent for every other action.</param>
/// <param name="ExpiresAt">
/// The first instant the link is no longer valid. A token carries it to the whole second, truncated, so a link never outlives what was asked.
/// </param>
/// <param name="Nonce">Unique per link; the ledger consumes it so that a link works once (see <see cref="NewNonce"/>).</param>
public sealed record ReviewToken(string TaskId, string Reviewer, ReviewAction Action, string? Label, DateTimeOffset ExpiresAt, string Nonce)
{
    /// <summary>A fresh nonce: 128 random bits, base64url, so two links never share one.</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Claims for a new link that expires <paramref name="lifetime"/> after <paramref name="now"/>, with a fresh nonce.</summary>
    public static ReviewToken Create(string taskId, string reviewer, ReviewAction action, string? label, DateTimeOffset now, TimeSpan lifetime) =>
        new(taskId, reviewer, action, label, now + lifetime, NewNonce());
}

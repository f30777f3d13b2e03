using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace DataEngine.Core.Reviews;

/// <summary>Issues and verifies HMAC-SHA256 signed review tokens: issues with the current key, verifies against it and any previous keys.</summary>
/// <remarks>
/// A token is <c>keyId.payload.mac</c>, each part base64url without padding, so it can sit in a URL query unescaped.
/// The key id is a hash of the key, so configuration needs no ids and rotation is "move the old key to the previous list".
/// The MAC covers the key id and the payload, so neither can be swapped. Only the signature is checked before the payload is parsed.
/// </remarks>
public sealed class ReviewTokenSigner
{
    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumKeyBytes = SigningKeyText.MinimumBytes;

    /// <summary>Longer input is refused unread: a link never needs more, and it bounds the work an attacker can ask for.</summary>
    public const int MaximumTokenLength = 2048;

    private const int MacBytes = 32;
    private const int KeyIdBytes = 6;

    // Domain separation: a MAC made with the same key for another purpose can never pass as a review token.
    private static readonly byte[] MacDomain = "DataEngine.ReviewToken.v1\n"u8.ToArray();
    private static readonly byte[] KeyIdDomain = "DataEngine.ReviewToken.KeyId\n"u8.ToArray();

    private readonly SigningKey _current;
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Creates a signer from raw key bytes; each key must be at least <see cref="MinimumKeyBytes"/> long.</summary>
    public ReviewTokenSigner(byte[] currentKey, IEnumerable<byte[]>? previousKeys = null)
    {
        ArgumentNullException.ThrowIfNull(currentKey);
        _current = SigningKey.Create(currentKey, "The review signing key", nameof(currentKey));
        _keys[_current.Id] = _current;
        foreach (var previous in previousKeys ?? [])
        {
            ArgumentNullException.ThrowIfNull(previous, nameof(previousKeys));
            var key = SigningKey.Create(previous, "A previous review signing key", nameof(previousKeys));

            // The current key may still sit in the previous list part-way through a rotation; that is harmless.
            _keys.TryAdd(key.Id, key);
        }
    }

    /// <summary>The id of the key new tokens are signed with.</summary>
    public string CurrentKeyId => _current.Id;

    /// <summary>Creates a signer from base64 keys as they come from configuration or a secret store.</summary>
    /// <exception cref="ArgumentException">A key is empty, not base64, or shorter than <see cref="MinimumKeyBytes"/>; the message never contains the key.</exception>
    public static ReviewTokenSigner FromBase64(string currentKey, IEnumerable<string>? previousKeys = null)
    {
        if (!SigningKeyText.TryDecode(currentKey, "The review signing key", out var current, out var problem))
        {
            throw new ArgumentException(problem, nameof(currentKey));
        }

        var previous = new List<byte[]>();
        foreach (var text in previousKeys ?? [])
        {
            if (!SigningKeyText.TryDecode(text, "A previous review signing key", out var key, out problem))
            {
                throw new ArgumentException(problem, nameof(previousKeys));
            }

            previous.Add(key);
        }

        return new ReviewTokenSigner(current, previous);
    }

    /// <summary>Creates a signer from bound <see cref="ReviewTokenOptions"/>.</summary>
    public static ReviewTokenSigner FromOptions(ReviewTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FromBase64(options.SigningKey, options.PreviousSigningKeys);
    }

    /// <summary>Signs <paramref name="claims"/> with the current key and returns a URL-safe token.</summary>
    /// <exception cref="ArgumentException">The claims are incomplete (see <see cref="ReviewTokenPayload"/>) or the token would be too long.</exception>
    public string Issue(ReviewToken claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (ReviewTokenPayload.Problem(claims) is { } problem)
        {
            throw new ArgumentException(problem, nameof(claims));
        }

        var signed = _current.Id + "." + Base64Url.EncodeToString(ReviewTokenPayload.Write(claims));
        var token = signed + "." + Base64Url.EncodeToString(Mac(_current.Key, signed));
        if (token.Length > MaximumTokenLength)
        {
            throw new ArgumentException(
                $"The review token would be {token.Length} characters, over the {MaximumTokenLength} limit; shorten the task id, reviewer or label.",
                nameof(claims));
        }

        return token;
    }

    /// <summary>
    /// Checks format, signature, expiry (valid while <paramref name="now"/> is before <see cref="ReviewToken.ExpiresAt"/>) and
    /// reviewer (ordinal), in that order. Consumes nothing: single use is <see cref="ReviewLinkVerifier"/>'s job.
    /// </summary>
    public TokenCheck Verify(string? token, string expectedReviewer, DateTimeOffset now)
    {
        // A caller that does not know who is asking has a bug; failing loudly beats refusing every link as "wrong reviewer".
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedReviewer);

        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Fail(ReviewTokenStatus.Missing);
        }

        if (token.Length > MaximumTokenLength)
        {
            return TokenCheck.Fail(ReviewTokenStatus.Malformed);
        }

        var parts = token.Split('.');
        if (parts.Length != 3
            || !TryDecodeCanonical(parts[0], out var keyId) || keyId.Length != KeyIdBytes
            || !TryDecodeCanonical(parts[1], out var payload)
            || !TryDecodeCanonical(parts[2], out var mac) || mac.Length != MacBytes)
        {
            return TokenCheck.Fail(ReviewTokenStatus.Malformed);
        }

        // An unknown key id is a forgery, not a format error: the token is well formed but no key of ours made it.
        if (!_keys.TryGetValue(parts[0], out var key)
            || !CryptographicOperations.FixedTimeEquals(Mac(key.Key, token.AsSpan(0, parts[0].Length + 1 + parts[1].Length)), mac))
        {
            return TokenCheck.Fail(ReviewTokenStatus.Forged);
        }

        // Signed by us yet unreadable can only be a payload version this build does not know.
        if (!ReviewTokenPayload.TryRead(payload, out var claims))
        {
            return TokenCheck.Fail(ReviewTokenStatus.Malformed);
        }

        if (now >= claims.ExpiresAt)
        {
            return TokenCheck.Fail(ReviewTokenStatus.Expired);
        }

        return string.Equals(claims.Reviewer, expectedReviewer, StringComparison.Ordinal)
            ? TokenCheck.Ok(claims)
            : TokenCheck.Fail(ReviewTokenStatus.WrongReviewer);
    }

    private static byte[] Mac(byte[] key, ReadOnlySpan<char> signed)
    {
        var data = new byte[MacDomain.Length + Encoding.ASCII.GetByteCount(signed)];
        MacDomain.CopyTo(data, 0);
        Encoding.ASCII.GetBytes(signed, data.AsSpan(MacDomain.Length));
        return HMACSHA256.HashData(key, data);
    }

    private static bool TryDecodeCanonical(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        // Validate first: the decode methods throw on bad input, and a damaged link must be a 401, not a 500.
        bytes = null;
        if (text.Length == 0 || !Base64Url.IsValid(text, out var length))
        {
            return false;
        }

        bytes = new byte[length];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != length)
        {
            bytes = null;
            return false;
        }

        // Only the exact spelling we write is accepted (no padding, whitespace or stray low bits), so one token has one form.
        return string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal);
    }

    private sealed record SigningKey(string Id, byte[] Key)
    {
        public static SigningKey Create(byte[] key, string name, string parameter)
        {
            if (!SigningKeyText.CheckLength(key, name, out var problem))
            {
                throw new ArgumentException(problem, parameter);
            }

            var copy = key.ToArray();
            var id = Base64Url.EncodeToString(SHA256.HashData([.. KeyIdDomain, .. copy]).AsSpan(0, KeyIdBytes));
            return new SigningKey(id, copy);
        }
    }
}

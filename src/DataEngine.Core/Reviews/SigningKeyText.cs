namespace DataEngine.Core.Reviews;

/// <summary>Decodes a configured base64 signing key and says, without echoing it, why it cannot be used.</summary>
internal static class SigningKeyText
{
    public const int MinimumBytes = 32;

    public static bool TryDecode(string? base64, string name, out byte[] key, out string problem)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = $"{name} is empty: configure a base64 key of at least {MinimumBytes} bytes (for example from `openssl rand -base64 32`).";
            return false;
        }

        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            // The FormatException is dropped rather than wrapped so that nothing downstream can print the key text.
            problem = $"{name} is not valid base64.";
            return false;
        }

        return CheckLength(key, name, out problem);
    }

    public static bool CheckLength(byte[] key, string name, out string problem)
    {
        // HMAC-SHA256 is only as strong as its key; below 32 bytes a guessable passphrase could sign links.
        problem = key.Length >= MinimumBytes
            ? ""
            : $"{name} is {key.Length} bytes; at least {MinimumBytes} are required (for example from `openssl rand -base64 32`).";
        return problem.Length == 0;
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DataEngine.Core.Reviews;

/// <summary>The signed part of a review token: compact JSON with one-letter names, written and read by hand so no reflection is needed.</summary>
internal static class ReviewTokenPayload
{
    private const int Version = 1;

    /// <summary>Why the claims cannot be issued, or null when they can.</summary>
    public static string? Problem(ReviewToken claims)
    {
        if (string.IsNullOrWhiteSpace(claims.TaskId))
        {
            return "A review token needs a task id.";
        }

        if (string.IsNullOrWhiteSpace(claims.Reviewer))
        {
            return "A review token needs a reviewer.";
        }

        if (string.IsNullOrWhiteSpace(claims.Nonce))
        {
            return "A review token needs a nonce (ReviewToken.NewNonce).";
        }

        if (!Enum.IsDefined(claims.Action))
        {
            return $"Unknown review action {(int)claims.Action}.";
        }

        // A label link without a label could record an empty label; any other action with one is ambiguous.
        return (claims.Action == ReviewAction.Label) == string.IsNullOrWhiteSpace(claims.Label)
            ? "A review token carries a label exactly when its action is Label."
            : null;
    }

    public static byte[] Write(ReviewToken claims)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("t", claims.TaskId);
            writer.WriteString("r", claims.Reviewer);

            // Names rather than numbers, so reordering the enum can never turn an outstanding "approve" into something else.
            writer.WriteString("a", claims.Action.ToString());
            if (claims.Label is not null)
            {
                writer.WriteString("l", claims.Label);
            }

            writer.WriteNumber("e", claims.ExpiresAt.ToUnixTimeSeconds());
            writer.WriteString("n", claims.Nonce);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static bool TryRead(byte[] payload, [NotNullWhen(true)] out ReviewToken? claims)
    {
        claims = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version
                || !TryString(root, "t", out var taskId)
                || !TryString(root, "r", out var reviewer)
                || !TryString(root, "a", out var actionName) || !Enum.TryParse<ReviewAction>(actionName, out var action)
                || !TryString(root, "n", out var nonce)
                || !root.TryGetProperty("e", out var expires) || expires.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            string? label = null;
            if (root.TryGetProperty("l", out var labelElement) && !TryString(labelElement, out label))
            {
                return false;
            }

            var candidate = new ReviewToken(taskId, reviewer, action, label, DateTimeOffset.FromUnixTimeSeconds(expires.GetInt64()), nonce);
            claims = Problem(candidate) is null ? candidate : null;
            return claims is not null;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryString(JsonElement root, string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return root.TryGetProperty(name, out var element) && TryString(element, out value);
    }

    private static bool TryString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }
}

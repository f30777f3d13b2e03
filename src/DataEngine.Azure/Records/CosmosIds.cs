using System.Security.Cryptography;
using System.Text;

namespace DataEngine.Azure.Records;

/// <summary>
/// Deterministic document ids. Cosmos ids may not contain '/', '\', '?' or '#' and are kept to 255 characters, so
/// those characters (and '%', the escape, and '|', the separator) are percent-encoded, and an id that would still be
/// too long becomes a SHA-256 of its parts. '%h' starts only hashed ids: escaping never yields it.
/// </summary>
static class CosmosIds
{
    public const int MaxLength = 255;

    public static string Item(string runId, string itemId) => Bounded($"{Escape(runId)}|{Escape(itemId)}", runId, itemId);

    public static string Claim(string key) => Bounded(Escape(key), key, "");

    /// <summary>
    /// An annotation's id: its whole key (run, item, task, annotator kind and id), unique across the container. A long one
    /// hashes the escaped id itself, which separates its parts unambiguously (a raw part may contain any character).
    /// </summary>
    public static string Annotation(string runId, string itemId, string task, string kind, string annotatorId)
    {
        var id = $"{Escape(runId)}|{Escape(itemId)}|{Escape(task)}|{Escape(kind)}|{Escape(annotatorId)}";
        return Bounded(id, id);
    }

    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("%/\\?#|") < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '%' => "%25",
                '/' => "%2F",
                '\\' => "%5C",
                '?' => "%3F",
                '#' => "%23",
                '|' => "%7C",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>The id, or when too long a hash of its parts joined by '\n' (so two-part ids hash as they always have).</summary>
    static string Bounded(string id, params ReadOnlySpan<string> parts) => id.Length <= MaxLength
        ? id
        : "%h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}

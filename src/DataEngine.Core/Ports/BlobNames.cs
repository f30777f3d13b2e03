using System.Globalization;
using System.Text;

namespace DataEngine.Core.Ports;

/// <summary>
/// The one set of rules for container and blob names that every <see cref="IBlobStore"/> enforces before it touches storage:
/// Azure's naming rules (Naming and Referencing Containers, Blobs, and Metadata) plus no path traversal, so a name means the
/// same blob in a folder and in Azure.
/// </summary>
public static class BlobNames
{
    /// <summary>Azure's limit on a blob name, in characters.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Azure's limit on '/'-separated segments in a blob name (accounts without a hierarchical namespace).</summary>
    public const int MaxSegments = 254;

    const int MaxShown = 80;

    /// <summary>Throws unless <paramref name="blob"/> has a valid container and name.</summary>
    /// <exception cref="ArgumentException">The container or the name breaks a rule; the message names the blob and the rule.</exception>
    public static void Validate(BlobRef blob, string paramName = "blob")
    {
        ValidateContainer(blob.Container, paramName);
        if (Problem(blob.Name) is { } rule)
        {
            throw new ArgumentException($"Blob name {Show(blob.Name)} in container '{blob.Container}' is invalid: {rule}.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="container"/> is a valid container name.</summary>
    /// <exception cref="ArgumentException">The name breaks a rule; the message names it and the rule.</exception>
    public static void ValidateContainer(string container, string paramName = "container")
    {
        ArgumentNullException.ThrowIfNull(container, paramName);
        if (ContainerProblem(container) is { } rule)
        {
            throw new ArgumentException($"Container name {Show(container)} is invalid: {rule}.", paramName);
        }
    }

    /// <summary>Why <paramref name="name"/> cannot name a blob, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is {name.Length:N0} characters long, over the limit of {MaxNameLength:N0}");
        }

        if (name[0] == '/')
        {
            return "it starts with '/' (names are relative to the container)";
        }

        if (name.IndexOf('\\') is var backslash and >= 0)
        {
            return $"it contains a backslash at index {backslash} (use '/' between segments)";
        }

        if (name[^1] is '/' or '.')
        {
            return $"it ends with '{name[^1]}' (Azure drops or refuses a trailing '.' or '/')";
        }

        if (CharacterProblem(name) is { } character)
        {
            return character;
        }

        var segments = 0;
        foreach (var segment in name.AsSpan().Split('/'))
        {
            segments++;
            var text = name.AsSpan(segment);
            if (text.IsEmpty)
            {
                return "it has an empty segment ('//')";
            }

            if (text is "." or "..")
            {
                return $"it has a '{text}' segment (path traversal is not allowed)";
            }
        }

        return segments > MaxSegments ? $"it has {segments} path segments, over the limit of {MaxSegments}" : null;
    }

    /// <summary>Why <paramref name="container"/> cannot name a container, or null when it can.</summary>
    public static string? ContainerProblem(string container)
    {
        if (container.Length is < 3 or > 63)
        {
            return "use 3-63 characters";
        }

        if (!container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return "use only lower-case letters, digits and '-'";
        }

        if (container[0] == '-' || container[^1] == '-' || container.Contains("--", StringComparison.Ordinal))
        {
            return "start and end with a letter or digit, and never put two '-' together";
        }

        return null;
    }

    static string? CharacterProblem(string name)
    {
        var at = 0;
        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return $"it has an unpaired surrogate at index {at} (not valid Unicode)";
            }

            // The service refuses control characters, and code points that are not characters (private use, U+FFFE/U+FFFF).
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Control)
            {
                return $"it has the control character U+{rune.Value:X4} at index {at}";
            }

            if (category == UnicodeCategory.PrivateUse || (rune.Value & 0xFFFE) == 0xFFFE)
            {
                return $"it has U+{rune.Value:X4} at index {at}, which is not a valid Unicode character";
            }

            at += used;
            rest = rest[used..];
        }

        return null;
    }

    /// <summary>The name quoted for a message: control characters escaped, very long names cut.</summary>
    static string Show(string name)
    {
        var shown = new StringBuilder("'");
        foreach (var c in name.Length > MaxShown ? name[..MaxShown] : name)
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c);
        }

        return shown.Append(name.Length > MaxShown ? string.Create(CultureInfo.InvariantCulture, $"…' ({name.Length:N0} characters)") : "'").ToString();
    }
}

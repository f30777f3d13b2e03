using System.Globalization;
using System.Text.Json;

namespace DataEngine.Azure.Records;

/// <summary>
/// Serialises a document once and refuses it, before any request, when Cosmos DB would: an item may be at most 2 MB
/// as UTF-8 JSON, and the server adds its system properties (_rid, _self, _etag, _ts, _attachments) on top.
/// Only free text can get that big: an item's quarantine reason (it may quote the error) or source name, a run's
/// input; ids, keys, rules and numbers are short. Writers bound reasons, so this is a guard, not a code path.
/// </summary>
static class RecordSize
{
    public const int MaxDocumentBytes = 2 * 1024 * 1024;

    /// <summary>Room kept for the system properties the server adds (about 200 bytes in practice).</summary>
    public const int SystemPropertiesReserve = 1024;

    public const int MaxBodyBytes = MaxDocumentBytes - SystemPropertiesReserve;

    public static byte[] Serialize<T>(T document, string record, string paramName)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, RecordJson.Options);
        if (bytes.Length > MaxBodyBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Record '{record}' is {bytes.Length:N0} bytes as JSON, over the 2 MB a Cosmos DB document may hold ") +
                string.Create(CultureInfo.InvariantCulture, $"({MaxBodyBytes:N0} bytes before system properties); its longest field is {LongestField(bytes)}. Nothing was written."),
                paramName);
        }

        return bytes;
    }

    static string LongestField(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var (name, length) = ("none", 0);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > length)
            {
                (name, length) = (property.Name, property.Value.GetString()!.Length);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{name}' ({length:N0} characters)");
    }
}

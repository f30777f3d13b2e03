using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataEngine.Core.Ports;

namespace DataEngine.Local.Records;

/// <summary>
/// The largest record a store accepts: 2 MB as UTF-8 JSON (Cosmos DB's document limit, less room for its system
/// properties). The embedded store keeps the same limit, so whatever records locally also records in Azure.
/// </summary>
static class RecordSizeLimit
{
    public const int MaxBodyBytes = 2 * 1024 * 1024 - 1024;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Check(ItemRecord item, string paramName) => Check(
        item, $"item {item.RunId}/{item.ItemId}", paramName,
        Length(item.RunId, item.ItemId, item.Dataset, item.Source, item.Rule, item.Reason, item.DedupKey, item.DuplicateOf));

    public static void Check(AnnotationRecord annotation, string paramName)
    {
        var (a, by) = (annotation.Annotation, annotation.Annotation.By);
        Check(
            annotation, $"annotation {annotation.RunId}/{annotation.ItemId}/{a.Task}/{by}", paramName,
            Length(annotation.RunId, annotation.ItemId, annotation.Dataset, a.Task, a.Label, by.Id, by.Version, a.Reason));
    }

    public static void Check(RunRecord run, string paramName) =>
        Check(run, $"run {run.RunId}", paramName, Length(run.RunId, run.Dataset, run.Input, run.ReportBlob, run.ETag));

    static void Check<T>(T record, string name, string paramName, long textLength)
    {
        // A character is at most 6 bytes of JSON (\uXXXX) and the rest of a record is small: nearly every record is
        // cleared by this bound without being serialised.
        if (textLength * 6 + 4096 <= MaxBodyBytes)
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, Json).Length;
        if (bytes > MaxBodyBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Record '{name}' is {bytes:N0} bytes as JSON, over the 2 MB a record may have ({MaxBodyBytes:N0} bytes; ") +
                "Cosmos DB's document limit, kept by every record store). Nothing was written.",
                paramName);
        }
    }

    static long Length(params ReadOnlySpan<string?> texts)
    {
        var total = 0L;
        foreach (var text in texts)
        {
            total += text?.Length ?? 0;
        }

        return total;
    }
}

using System.Text;
using System.Text.Json;
using DataEngine.Core.Ports;

namespace DataEngine.Functions.Uploads;

/// <summary>
/// A <c>Microsoft.Storage.BlobCreated</c> event for the raw container, in the Event Grid event schema: what an Event Grid
/// subscription with a storage-queue endpoint writes to the queue (one event per message), and what a user posts by hand
/// after uploading to Azurite, which raises no events.
/// </summary>
/// <param name="BlobName">The blob's name in the raw container ("mail/2024/part-1.jsonl").</param>
/// <param name="ETag">The ETag of the upload, quoted as the blob service returns it, so it keys the same run as the blob trigger.</param>
public sealed record BlobCreatedEvent(string BlobName, string ETag)
{
    public const string BlobCreated = "Microsoft.Storage.BlobCreated";

    const string SubjectPrefix = "/blobServices/default/containers/";
    const string BlobsSegment = "/blobs/";

    /// <summary>
    /// Reads one queue message: the event's JSON, or that JSON Base64-encoded (Event Grid and some tools encode queue
    /// messages; the host hands them over undecoded, see host.json's <c>messageEncoding</c>).
    /// </summary>
    /// <exception cref="FormatException">The message is not a BlobCreated event for the raw container; the message says why.</exception>
    public static BlobCreatedEvent Parse(string message)
    {
        var json = Decode(message);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the message is not JSON ({ex.Message}); expected an Event Grid {BlobCreated} event.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the message is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not one event object; post one {BlobCreated} event per message, as Event Grid's storage-queue delivery does.");
            }

            var eventType = StringOf(root, "eventType");
            if (eventType != BlobCreated)
            {
                throw new FormatException(eventType is null
                    ? $"the event has no eventType; expected \"{BlobCreated}\" in the Event Grid event schema (not CloudEvents)."
                    : $"the event is a {eventType} event; only {BlobCreated} starts a run.");
            }

            var blobName = BlobNameOf(StringOf(root, "subject"));
            var etag = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? StringOf(data, "eTag") : null;
            if (string.IsNullOrWhiteSpace(etag))
            {
                throw new FormatException($"the event for {Containers.Raw}/{blobName} has no data.eTag; it keys the run, so the event cannot start one.");
            }

            return new BlobCreatedEvent(blobName, Quoted(etag));
        }
    }

    /// <summary>The blob name from a subject "/blobServices/default/containers/raw/blobs/{name}".</summary>
    static string BlobNameOf(string? subject)
    {
        var blobs = subject?.StartsWith(SubjectPrefix, StringComparison.Ordinal) == true
            ? subject.IndexOf(BlobsSegment, SubjectPrefix.Length, StringComparison.Ordinal)
            : -1;
        if (subject is null || blobs < 0)
        {
            throw new FormatException($"the subject '{subject}' is not a blob's: expected \"{SubjectPrefix}{Containers.Raw}{BlobsSegment}<name>\".");
        }

        var container = subject[SubjectPrefix.Length..blobs];
        var name = subject[(blobs + BlobsSegment.Length)..];
        if (container != Containers.Raw)
        {
            throw new FormatException($"the event is for container '{container}'; only uploads to '{Containers.Raw}' start runs.");
        }

        return name.Length > 0 ? name : throw new FormatException($"the subject '{subject}' names no blob.");
    }

    static string Decode(string message)
    {
        var text = message.Trim();
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            return text;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : text;
    }

    static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The blob service's ETag header form, "\"0x8DC…\"": Event Grid's data.eTag is quoted too, a hand-written one may not be.</summary>
    static string Quoted(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";
}

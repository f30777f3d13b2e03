using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>Reads and writes records as JSON lines in blobs: the format of plans, outcomes, survivors and curated data.</summary>
public static class JsonLines
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Curated data is read by people and tools alike: keep quotes, apostrophes and non-ASCII text as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes <paramref name="records"/> to a blob, one JSON object a line, and returns how many were written.</summary>
    public static async Task<int> WriteAsync<T>(IBlobStore store, BlobRef blob, IEnumerable<T> records, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var count = 0;
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            foreach (var record in records)
            {
                JsonSerializer.Serialize(writer, record, Options);
                await writer.FlushAsync(cancellationToken);
                writer.Reset();
                buffer.Write(NewLine);
                count++;
            }
        }

        buffer.Position = 0;
        await store.WriteAsync(blob, buffer, cancellationToken);
        return count;
    }

    /// <summary>Reads a blob of JSON lines written by <see cref="WriteAsync{T}"/>.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(IBlobStore store, BlobRef blob, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(blob, cancellationToken: cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<T>(line, Options)
                    ?? throw new InvalidDataException($"Blob '{blob}' holds a null record.");
            }
        }
    }
}

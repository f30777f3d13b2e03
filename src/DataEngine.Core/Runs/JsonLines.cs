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

    /// <summary>Writes <paramref name="records"/> to a blob, one JSON object a line, streaming; returns how many were written.</summary>
    public static async Task<int> WriteAsync<T>(IBlobStore store, BlobRef blob, IEnumerable<T> records, CancellationToken cancellationToken) =>
        (await WriteAsync(store, blob, records, condition: null, cancellationToken)).Count;

    /// <summary>
    /// Writes <paramref name="records"/> under <paramref name="condition"/> (e.g. only if the blob is still the version
    /// read); returns how many were written and the blob as written.
    /// </summary>
    /// <exception cref="BlobConflictException">The condition did not hold: nothing was written.</exception>
    public static async Task<(int Count, BlobInfo Written)> WriteAsync<T>(
        IBlobStore store, BlobRef blob, IEnumerable<T> records, BlobCondition? condition, CancellationToken cancellationToken)
    {
        var count = 0;
        var written = await store.WriteAsync(blob, async (stream, ct) =>
        {
            await using var writer = new Writer(stream);
            foreach (var record in records)
            {
                await writer.WriteAsync(record, ct);
            }

            count = writer.Count;
        }, condition, cancellationToken);
        return (count, written);
    }

    /// <summary>Writes records to a stream one JSON line at a time, so a record can be dropped as soon as it is written.</summary>
    public sealed class Writer(Stream stream) : IAsyncDisposable
    {
        readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { SkipValidation = true, Encoder = Options.Encoder });

        public int Count { get; private set; }

        public async ValueTask WriteAsync<T>(T record, CancellationToken cancellationToken)
        {
            JsonSerializer.Serialize(_json, record, Options);
            await _json.FlushAsync(cancellationToken);
            _json.Reset();
            await stream.WriteAsync(NewLine, cancellationToken);
            Count++;
        }

        public ValueTask DisposeAsync() => _json.DisposeAsync();
    }

    /// <summary>Reads a blob of JSON lines written by <see cref="WriteAsync{T}(IBlobStore, BlobRef, IEnumerable{T}, CancellationToken)"/>.</summary>
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

    /// <summary>
    /// Copies the lines of <paramref name="source"/> whose "id" passes <paramref name="keep"/> to <paramref name="target"/>,
    /// byte for byte: only the id is parsed, the records are never deserialised and written again. Returns the lines kept.
    /// </summary>
    public static async Task<int> CopyWhereAsync(IBlobStore store, BlobRef source, BlobRef target, Func<string, bool> keep, CancellationToken cancellationToken)
    {
        var input = new MemoryStream((int)((await store.GetInfoAsync(source, cancellationToken))?.Length ?? 0));
        await using (var stream = await store.OpenReadAsync(source, cancellationToken: cancellationToken))
        {
            await stream.CopyToAsync(input, cancellationToken);
        }

        var output = new MemoryStream((int)input.Length);
        var kept = 0;
        var rest = input.GetBuffer().AsMemory(0, (int)input.Length);
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..(end + 1)];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (line.Span.Trim("\r\n"u8).Length > 0 && keep(IdOf(line.Span, source)))
            {
                output.Write(line.Span);
                kept++;
            }
        }

        await store.WriteAsync(target, output.GetBuffer().AsMemory(0, (int)output.Length), cancellationToken: cancellationToken);
        return kept;
    }

    static string IdOf(ReadOnlySpan<byte> line, BlobRef blob)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                return reader.GetString() ?? "";
            }

            reader.Read();
            reader.TrySkip();
        }

        throw new InvalidDataException($"A line of '{blob}' has no \"id\" property.");
    }
}

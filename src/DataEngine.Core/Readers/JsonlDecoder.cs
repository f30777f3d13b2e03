using System.Buffers;
using System.Text;
using System.Text.Json;
using DataEngine.Core.Items;

namespace DataEngine.Core.Readers;

/// <summary>
/// Reads one JSON object per line. The text field gives the item's text (or, in <see cref="JsonlContent.Mail"/> mode,
/// a raw RFC 822 message that is MIME-decoded); every other top-level field becomes metadata, strings as they are
/// and other values as their JSON text.
/// </summary>
public sealed class JsonlDecoder : IItemDecoder
{
    private readonly byte[] _textFieldUtf8;

    public JsonlDecoder(string textField = "text", JsonlContent content = JsonlContent.Text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(textField);
        TextField = textField;
        Content = content;
        _textFieldUtf8 = Encoding.UTF8.GetBytes(textField);
    }

    public string Name => "jsonl";

    public bool LineDelimited => true;

    /// <summary>The field that holds the text (or the raw message).</summary>
    public string TextField { get; }

    public JsonlContent Content { get; }

    public ReadOutcome Decode(ReadOnlyMemory<byte> raw, ItemLocation location)
    {
        // The first line of a file may carry a BOM; JSON readers do not skip it.
        var bomLength = raw.Span.StartsWith(RawText.Utf8Bom) ? RawText.Utf8Bom.Length : 0;
        var line = raw[bomLength..];
        if (RawText.IsBlank(line.Span))
        {
            return ReadOutcome.Quarantine(location, "empty line");
        }

        var invalid = RawText.IndexOfInvalidUtf8(line.Span);
        if (invalid >= 0)
        {
            return ReadOutcome.Quarantine(location, $"invalid UTF-8 at byte {bomLength + invalid}");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var field = default(FieldValue);
        try
        {
            if (ReadObject(line, metadata, ref field) is { } error)
            {
                return ReadOutcome.Quarantine(location, error);
            }

            return Content == JsonlContent.Mail ? DecodeMail(line, field, metadata, location) : DecodeText(field, metadata, location);
        }
        catch (JsonException e)
        {
            return ReadOutcome.Quarantine(location, $"malformed JSON: {e.Message}");
        }
        finally
        {
            if (field.Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(field.Rented);
            }
        }
    }

    /// <summary>Reads the object's fields into metadata and locates the text field. Returns a reason when the shape is wrong.</summary>
    private string? ReadObject(ReadOnlyMemory<byte> line, Dictionary<string, string> metadata, ref FieldValue field)
    {
        var reader = new Utf8JsonReader(line.Span, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"not a JSON object ({Describe(reader.TokenType)})";
        }

        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTextField = reader.ValueTextEquals(_textFieldUtf8);
            var name = isTextField ? TextField : reader.GetString()!;
            reader.Read();
            if (isTextField)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return $"field '{TextField}' is not a string ({Describe(reader.TokenType)})";
                }

                found = true;
                field = ReadField(ref reader, field);
            }
            else
            {
                metadata[name] = ReadMetadataValue(ref reader, line.Span);
            }
        }

        // Anything after the closing brace other than whitespace makes Read throw, as a malformed line should.
        while (reader.Read())
        {
        }

        return found ? null : $"field '{TextField}' is missing";
    }

    private FieldValue ReadField(ref Utf8JsonReader reader, FieldValue previous)
    {
        if (previous.Rented is not null)
        {
            ArrayPool<byte>.Shared.Return(previous.Rented);
        }

        if (Content == JsonlContent.Text)
        {
            return new FieldValue(reader.GetString(), null, 0, 0);
        }

        // Mail mode: MimeKit wants the message's bytes, so unescape straight into bytes, never through a string.
        if (!reader.ValueIsEscaped)
        {
            return new FieldValue(null, null, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        }

        var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var written = reader.CopyString(rented);
        return new FieldValue(null, rented, 0, written);
    }

    private static string ReadMetadataValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private ReadOutcome DecodeText(FieldValue field, Dictionary<string, string> metadata, ItemLocation location)
    {
        var text = field.Text!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReadOutcome.Quarantine(location, $"field '{TextField}' is empty");
        }

        return ReadOutcome.Ok(new Item(location.ToItemId(), location, RawText.NormalizeNewlines(text), metadata));
    }

    private ReadOutcome DecodeMail(ReadOnlyMemory<byte> line, FieldValue field, Dictionary<string, string> metadata, ItemLocation location)
    {
        var message = field.Rented is not null
            ? field.Rented.AsMemory(0, field.Length)
            : line.Slice(field.Start, field.Length);
        if (RawText.IsBlank(message.Span))
        {
            return ReadOutcome.Quarantine(location, $"field '{TextField}' is empty");
        }

        using var stream = PooledBytes.OpenRead(message);
        var error = MailText.TryDecode(stream, metadata, unicodeSource: true, out var text);
        return error is null
            ? ReadOutcome.Ok(new Item(location.ToItemId(), location, text, metadata))
            : ReadOutcome.Quarantine(location, error);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        JsonTokenType.True or JsonTokenType.False => "Boolean",
        _ => token.ToString(),
    };

    /// <summary>Where the text field's value is: a string (text mode), or bytes in the line or in a pooled array (mail mode).</summary>
    private readonly record struct FieldValue(string? Text, byte[]? Rented, int Start, int Length);
}

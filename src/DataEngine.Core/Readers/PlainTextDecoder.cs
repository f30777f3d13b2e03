using System.Collections.ObjectModel;
using System.Text;
using DataEngine.Core.Items;

namespace DataEngine.Core.Readers;

/// <summary>Reads a whole .txt or .md file as one item: strict UTF-8, BOM stripped, binary files refused.</summary>
public sealed class PlainTextDecoder : IItemDecoder
{
    public string Name => "text";

    public bool LineDelimited => false;

    public ReadOutcome Decode(ReadOnlyMemory<byte> raw, ItemLocation location)
    {
        var bytes = raw.Span;
        if (bytes.StartsWith([(byte)0xFF, (byte)0xFE]) || bytes.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            return ReadOutcome.Quarantine(location, $"UTF-16 text (byte order mark {bytes[0]:X2} {bytes[1]:X2}): only UTF-8 is read");
        }

        var body = RawText.WithoutBom(bytes);
        var bomLength = bytes.Length - body.Length;
        if (RawText.WholeFileReason(body) is { } reason)
        {
            return ReadOutcome.Quarantine(location, reason);
        }

        var invalid = RawText.IndexOfInvalidUtf8(body);
        if (invalid >= 0)
        {
            return ReadOutcome.Quarantine(location, $"invalid UTF-8 at byte {bomLength + invalid}");
        }

        var text = RawText.NormalizeNewlines(Encoding.UTF8.GetString(body));
        return ReadOutcome.Ok(new Item(location.ToItemId(), location, text, ReadOnlyDictionary<string, string>.Empty));
    }
}

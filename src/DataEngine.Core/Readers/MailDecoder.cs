using DataEngine.Core.Items;

namespace DataEngine.Core.Readers;

/// <summary>
/// Reads a whole .eml file as one item with MimeKit: the decoded text of its text/plain part (or of its HTML part,
/// converted to text), with subject, from, to, cc, date and message-id as metadata. Attachments are ignored.
/// </summary>
public sealed class MailDecoder : IItemDecoder
{
    public string Name => "eml";

    public bool LineDelimited => false;

    public ReadOutcome Decode(ReadOnlyMemory<byte> raw, ItemLocation location)
    {
        if (RawText.WholeFileReason(raw.Span) is { } reason)
        {
            return ReadOutcome.Quarantine(location, reason);
        }

        using var stream = PooledBytes.OpenRead(raw);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var error = MailText.TryDecode(stream, metadata, unicodeSource: false, out var text);
        return error is null
            ? ReadOutcome.Ok(new Item(location.ToItemId(), location, text, metadata))
            : ReadOutcome.Quarantine(location, error);
    }
}

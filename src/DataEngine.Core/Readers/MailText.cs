using System.Globalization;
using MimeKit;

namespace DataEngine.Core.Readers;

/// <summary>
/// MIME-decodes one raw RFC 822 message: the text of its text/plain part (or its HTML part, as text, when it has none)
/// and a few headers as metadata. Shared by <see cref="MailDecoder"/> and <see cref="JsonlDecoder"/>'s mail mode.
/// </summary>
internal static class MailText
{
    static MailText() => CodePages.EnsureRegistered();

    /// <summary>
    /// Decodes the message in <paramref name="stream"/> (seekable, read in place: parts are not copied) and adds its
    /// headers to <paramref name="metadata"/> without replacing keys already there.
    /// Returns null with the text, or a quarantine reason.
    /// </summary>
    /// <param name="unicodeSource">
    /// True when the message came out of a JSON string: its 8-bit content was already decoded to Unicode by whoever wrote
    /// the JSON, so those bytes are UTF-8 whatever charset the part declares.
    /// </param>
    public static string? TryDecode(Stream stream, Dictionary<string, string> metadata, bool unicodeSource, out string text)
    {
        text = "";
        MimeMessage message;
        try
        {
            message = new MimeParser(stream, MimeFormat.Entity, persistent: true).ParseMessage();
        }
        catch (FormatException)
        {
            // MimeKit's parser fails only where the header block should be: empty input or no "Name: value" line first.
            return "not an RFC 822 message: no header block";
        }

        if (message.Headers.Count == 0)
        {
            return "not an RFC 822 message: no header block";
        }

        try
        {
            AddHeaders(message, metadata);
            return message.Body is null
                ? "MIME message has no text/plain or text/html part"
                : TryReadBody(message.Body, unicodeSource, out text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MimeKit decodes headers and content lazily; whatever fails there is this message's broken MIME, and one
            // bad message must not stop the batch it is in.
            text = "";
            return $"broken MIME: {e.Message}";
        }
    }

    private static string? TryReadBody(MimeEntity body, bool unicodeSource, out string text)
    {
        text = "";
        var found = new BodyText(unicodeSource);
        Collect(body, found, includeMessages: false, isRoot: true);
        if (found.IsEmpty)
        {
            // A message whose only content is a forwarded or bounced message: read that one.
            Collect(body, found, includeMessages: true, isRoot: true);
        }

        if (found.IsEmpty)
        {
            return FindEmptyMultipart(body) is { } broken
                ? $"broken MIME: {broken.ContentType.MimeType} body has no parts (boundary \"{broken.Boundary}\" never found)"
                : "MIME message has no text/plain or text/html part";
        }

        text = found.ToText();
        return text.Length == 0 ? "message text is empty" : null;
    }

    private static void Collect(MimeEntity entity, BodyText found, bool includeMessages, bool isRoot)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                CollectAlternative(alternative, found, includeMessages);
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Collect(child, found, includeMessages, isRoot: false);
                }

                break;
            case MessagePart { Message.Body: { } inner } when includeMessages:
                Collect(inner, found, includeMessages, isRoot: false);
                break;
            case TextPart part when isRoot || !part.IsAttachment:
                if (part.IsHtml)
                {
                    found.AddHtml(found.Decode(part));
                }
                else if (part.IsPlain)
                {
                    found.AddPlain(found.Decode(part));
                }

                break;
        }
    }

    /// <summary>
    /// Alternatives say the same thing: take the first with plain text, else the first with HTML. Senders often leave
    /// the plain alternative blank, so a blank one does not count.
    /// </summary>
    private static void CollectAlternative(MultipartAlternative alternative, BodyText found, bool includeMessages)
    {
        BodyText? firstHtml = null;
        foreach (var child in alternative)
        {
            var candidate = new BodyText(found.UnicodeSource);
            Collect(child, candidate, includeMessages, isRoot: false);
            if (candidate.HasPlain)
            {
                found.AddFrom(candidate, html: false);
                return;
            }

            if (firstHtml is null && candidate.HasHtml)
            {
                firstHtml = candidate;
            }
        }

        if (firstHtml is not null)
        {
            found.AddFrom(firstHtml, html: true);
        }
        else if (alternative.Count > 0)
        {
            // Only blank alternatives: remember that a text part was there, so the reason says "empty", not "no part".
            found.MarkBlankPart();
        }
    }

    private static Multipart? FindEmptyMultipart(MimeEntity entity)
    {
        if (entity is not Multipart multipart)
        {
            return null;
        }

        if (multipart.Count == 0)
        {
            return multipart;
        }

        foreach (var child in multipart)
        {
            if (FindEmptyMultipart(child) is { } empty)
            {
                return empty;
            }
        }

        return null;
    }

    private static void AddHeaders(MimeMessage message, Dictionary<string, string> metadata)
    {
        Add(metadata, "subject", message.Subject);
        Add(metadata, "from", message.From.Count > 0 ? message.From.ToString() : null);
        Add(metadata, "to", message.To.Count > 0 ? message.To.ToString() : null);
        Add(metadata, "cc", message.Cc.Count > 0 ? message.Cc.ToString() : null);
        Add(metadata, "message-id", message.MessageId);
        if (message.Headers[HeaderId.Date] is { } date)
        {
            // A parsed date is comparable across time zones; an unparseable one is kept as written.
            Add(metadata, "date", message.Date != DateTimeOffset.MinValue
                ? message.Date.ToString("O", CultureInfo.InvariantCulture)
                : date.Trim());
        }
    }

    private static void Add(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            metadata.TryAdd(key, value.Trim());
        }
    }
}

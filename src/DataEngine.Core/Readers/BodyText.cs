using System.Text;
using MimeKit;

namespace DataEngine.Core.Readers;

/// <summary>The decoded text parts found in a message so far: plain parts are preferred, HTML is the fallback.</summary>
/// <param name="unicodeSource">The message came from a JSON string, so its unencoded 8-bit content is UTF-8.</param>
internal sealed class BodyText(bool unicodeSource)
{
    private static readonly string[] s_statefulCharsets = ["iso-2022", "utf-7", "utf-16", "utf-32", "hz-gb", "unicode"];
    private static readonly string[] s_documentTags = ["<html", "<body", "<!doctype html", "<head", "<table", "<font", "<div", "<p>", "<br"];

    private List<string>? _plain;
    private List<string>? _html;
    private bool _blankPart;

    public bool UnicodeSource => unicodeSource;

    public bool HasPlain => _plain is not null;

    public bool HasHtml => _html is not null;

    /// <summary>True when no text part at all, blank or not, was found.</summary>
    public bool IsEmpty => _plain is null && _html is null && !_blankPart;

    /// <summary>The part's text, decoded by its declared charset unless its raw bytes are known to be UTF-8.</summary>
    public string Decode(TextPart part)
    {
        if (!unicodeSource || part.ContentTransferEncoding is not (ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary))
        {
            return part.Text;
        }

        // Non-ASCII characters here can only have come from the JSON writer's UTF-8. Pure ASCII reads the same in every
        // charset except the 7-bit stateful ones (ISO-2022-JP, UTF-7, ...), which get their own decoder.
        var utf8 = part.GetText(Encoding.UTF8);
        if (!Ascii.IsValid(utf8))
        {
            return utf8;
        }

        var charset = part.ContentType.Charset;
        return charset is not null && s_statefulCharsets.Any(c => charset.StartsWith(c, StringComparison.OrdinalIgnoreCase)) ? part.Text : utf8;
    }

    /// <summary>Adds a text/plain part; one that is really an HTML page (bulk mail often says text/plain, or nothing) is converted.</summary>
    public void AddPlain(string decoded) =>
        Add(ref _plain, LooksLikeHtml(decoded) ? HtmlText.ToText(decoded) : RawText.NormalizeNewlines(decoded).Trim());

    public void AddHtml(string decoded) => Add(ref _html, HtmlText.ToText(decoded));

    public void MarkBlankPart() => _blankPart = true;

    public void AddFrom(BodyText other, bool html)
    {
        foreach (var text in (html ? other._html : other._plain) ?? [])
        {
            if (html)
            {
                Add(ref _html, text);
            }
            else
            {
                Add(ref _plain, text);
            }
        }

        _blankPart |= other._blankPart;
    }

    /// <summary>The plain parts joined by blank lines, or the HTML parts' text when there is no plain text; "" when all are blank.</summary>
    public string ToText()
    {
        var parts = _plain ?? _html;
        return parts is null ? "" : parts.Count == 1 ? parts[0] : string.Join("\n\n", parts);
    }

    /// <summary>Starts with markup and has one of the tags that only HTML documents use near its start.</summary>
    internal static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan().TrimStart();
        if (head.IsEmpty || head[0] != '<')
        {
            return false;
        }

        head = head[..Math.Min(head.Length, 1024)];
        foreach (var tag in s_documentTags)
        {
            if (head.Contains(tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(ref List<string>? parts, string text)
    {
        if (text.Length == 0)
        {
            _blankPart = true;
            return;
        }

        (parts ??= []).Add(text);
    }
}

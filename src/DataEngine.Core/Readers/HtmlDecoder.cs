using AngleSharp.Html.Parser;
using DataEngine.Core.Items;
using SmartReader;

namespace DataEngine.Core.Readers;

/// <summary>
/// Reads a whole .html page as one item: the main content as SmartReader (a port of Mozilla's Readability) extracts it,
/// with title, byline, author, language, site name and excerpt as metadata. When no article is found, the body's
/// text (scripts, styles and markup removed) is the item's text.
/// </summary>
public sealed class HtmlDecoder : IItemDecoder
{
    /// <summary>Metadata key that says how the text was found: "article" (main content) or "body" (whole body text).</summary>
    public const string ExtractionKey = "extraction";

    private const int MaxExcerptLength = 300;

    static HtmlDecoder() => CodePages.EnsureRegistered();

    public string Name => "html";

    public bool LineDelimited => false;

    public ReadOutcome Decode(ReadOnlyMemory<byte> raw, ItemLocation location)
    {
        if (RawText.WholeFileReason(raw.Span) is { } reason)
        {
            return ReadOutcome.Quarantine(location, reason);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        string text;
        try
        {
            text = ReadArticle(raw, location, metadata) ?? ReadBody(raw, metadata);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The HTML parsers are lenient; whatever still makes them fail is a property of this page.
            return ReadOutcome.Quarantine(location, $"unreadable HTML: {e.Message}");
        }

        return string.IsNullOrWhiteSpace(text)
            ? ReadOutcome.Quarantine(location, "HTML page has no text")
            : ReadOutcome.Ok(new Item(location.ToItemId(), location, text, metadata));
    }

    /// <summary>The main content and page metadata, or null when SmartReader finds no article.</summary>
    private static string? ReadArticle(ReadOnlyMemory<byte> raw, ItemLocation location, Dictionary<string, string> metadata)
    {
        using var stream = PooledBytes.OpenRead(raw);

        // SmartReader resolves relative links against the page's address; nothing is fetched from it.
        var reader = new Reader(PageUri(location), stream);
        var article = reader.GetArticle();
        if (!article.IsReadable || string.IsNullOrWhiteSpace(article.TextContent))
        {
            return null;
        }

        Add(metadata, "title", article.Title);
        Add(metadata, "byline", article.Byline);
        Add(metadata, "author", article.Author);
        Add(metadata, "language", article.Language);
        Add(metadata, "site-name", article.SiteName);
        Add(metadata, "excerpt", Shorten(article.Excerpt));
        metadata[ExtractionKey] = "article";
        return Tidy(article.TextContent);
    }

    /// <summary>The whole body's text, for pages with no recognisable article (short pages, link lists).</summary>
    private static string ReadBody(ReadOnlyMemory<byte> raw, Dictionary<string, string> metadata)
    {
        using var stream = PooledBytes.OpenRead(raw);
        var document = new HtmlParser().ParseDocument(stream);
        Add(metadata, "title", document.Title);
        Add(metadata, "language", document.DocumentElement.GetAttribute("lang"));
        metadata[ExtractionKey] = "body";
        return document.Body is null ? "" : DomText.ToText(document.Body);
    }

    private static string PageUri(ItemLocation location) => "https://localhost/" + Uri.EscapeDataString(location.Source);

    /// <summary>Trims each line and keeps at most one blank line between paragraphs.</summary>
    private static string Tidy(string text)
    {
        var builder = new TextBuilder(text.Length);
        try
        {
            var blankLines = 0;
            foreach (var range in text.AsSpan().Split('\n'))
            {
                var line = text.AsSpan()[range].Trim();
                if (line.IsEmpty)
                {
                    blankLines++;
                    continue;
                }

                builder.Break(blankLines > 0 ? 2 : 1);
                builder.Append(line);
                blankLines = 0;
            }

            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    private static string? Shorten(string? excerpt)
    {
        if (excerpt is null || excerpt.Length <= MaxExcerptLength)
        {
            return excerpt;
        }

        var cut = excerpt.LastIndexOf(' ', MaxExcerptLength);
        return string.Concat(excerpt.AsSpan(0, cut > 0 ? cut : MaxExcerptLength), "…");
    }

    private static void Add(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            metadata[key] = value.Trim();
        }
    }
}

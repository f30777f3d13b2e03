using DataEngine.Core.Readers;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

public class HtmlDecoderTests
{
    private static readonly HtmlDecoder s_decoder = new();

    private static readonly string s_articlePage = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Keeping Hens in Town | The Allotment Post</title>
        <meta name="author" content="Jo Reed">
        <script>trackPageView("hens");</script></head>
        <body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/shop">Shop our store</a></nav>
        <article>
        <h1>Keeping Hens in Town</h1>
        <p>{Paragraph("Hens are easier to keep than most people expect")}</p>
        <p>{Paragraph("A small coop at the end of a garden is enough for three birds")}</p>
        <p>{Paragraph("Fresh eggs &amp; fewer kitchen scraps are the usual rewards")}</p>
        </article>
        <footer>Copyright The Allotment Post. Terms and privacy.</footer>
        </body></html>
        """;

    [Fact]
    public void The_main_content_is_extracted_and_navigation_and_footer_are_gone()
    {
        var location = At("web/hens.html");

        var item = AssertItem(s_decoder.Decode(Utf8(s_articlePage), location));

        Assert.Contains("Hens are easier to keep than most people expect", item.Text);
        Assert.Contains("Fresh eggs & fewer kitchen scraps", item.Text);
        Assert.DoesNotContain("Shop our store", item.Text);
        Assert.DoesNotContain("Copyright", item.Text);
        Assert.DoesNotContain("trackPageView", item.Text);
        Assert.DoesNotContain("<p>", item.Text);
        Assert.Equal(location.ToItemId(), item.Id);
        Assert.Equal("article", item.Metadata[HtmlDecoder.ExtractionKey]);
        Assert.Contains("Keeping Hens in Town", item.Metadata["title"]);
        Assert.Equal("en", item.Metadata["language"]);
    }

    [Fact]
    public void A_page_without_an_article_falls_back_to_the_body_text()
    {
        const string page = """
            <html><head><title>Links</title><style>a { color: blue }</style></head>
            <body><div>Useful links for members.</div><script>var hidden = 1;</script>
            <ul><li><a href="/a">Opening times</a></li><li><a href="/b">Contact</a></li></ul></body></html>
            """;

        var item = AssertItem(s_decoder.Decode(Utf8(page), At("links.htm")));

        Assert.Equal("Useful links for members.\n\nOpening times\nContact", item.Text);
        Assert.Equal("body", item.Metadata[HtmlDecoder.ExtractionKey]);
        Assert.Equal("Links", item.Metadata["title"]);
    }

    [Fact]
    public void A_page_with_no_text_is_quarantined()
    {
        Assert.Equal("HTML page has no text", AssertQuarantined(s_decoder.Decode(Utf8("<html><body><img src=a.png></body></html>"), At("a.html"))));
    }

    [Fact]
    public void Empty_input_and_binary_junk_are_quarantined()
    {
        var junk = new byte[2048];
        new Random(3).NextBytes(junk);

        Assert.Equal("empty item", AssertQuarantined(s_decoder.Decode(Utf8(" \n"), At("a.html"))));
        Assert.StartsWith("binary content: ", AssertQuarantined(s_decoder.Decode(junk, At("a.html"))));
    }

    [Fact]
    public void A_page_in_a_legacy_charset_is_decoded_by_its_meta_charset()
    {
        var page = s_articlePage.Replace("<head>", "<head><meta charset=\"windows-1252\">").Replace("Hens are easier", "Caf\u00e9 hens are easier");
        var cp1252 = System.Text.Encoding.Latin1.GetBytes(page); // 'é' is 0xE9 in both, and read as UTF-8 it would be invalid

        var item = AssertItem(s_decoder.Decode(cp1252, At("legacy.html")));

        Assert.Contains("Café hens are easier", item.Text);
    }

    private static string Paragraph(string opening) =>
        opening + ". " + string.Join(" ", Enumerable.Repeat("They need a dry house, clean water, good food and a daily check for eggs and for any sign of illness.", 4));
}

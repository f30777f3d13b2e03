using DataEngine.Core.Readers;

namespace DataEngine.Core.Tests.Readers;

public class HtmlTextTests
{
    [Fact]
    public void Scripts_styles_comments_and_the_title_are_not_text()
    {
        const string html = """
            <html><head><title>Page title</title><style>p { color: red; }</style>
            <script type="text/javascript">var x = "<p>not text</p>";</script></head>
            <body><!-- a comment --><p>Visible words.</p><SCRIPT>alert(1)</SCRIPT></body></html>
            """;

        Assert.Equal("Visible words.", HtmlText.ToText(html));
    }

    [Fact]
    public void Entities_are_decoded()
    {
        const string html = "<p>Fish &amp; chips &lt;3 &#8212; it&#39;s &#x2019;caf&eacute;&rsquo;&nbsp;&copy; &#150; &bogus; AT&T</p>";

        Assert.Equal("Fish & chips <3 — it's ’café’ © – &bogus; AT&T", HtmlText.ToText(html));
    }

    [Fact]
    public void Block_tags_break_lines_and_whitespace_collapses()
    {
        const string html = "<h1>Title</h1>\n<p>First   paragraph\n spans lines.</p><p>Second<br>line two<br><br>after a gap</p><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>";

        Assert.Equal("Title\n\nFirst paragraph spans lines.\n\nSecond\nline two\n\nafter a gap\n\none\ntwo\n\na b", HtmlText.ToText(html));
    }

    [Fact]
    public void Broken_markup_keeps_the_text_around_it()
    {
        Assert.Equal("a < b and c", HtmlText.ToText("a < b <b>and</b> c"));
        Assert.Equal("Before after", HtmlText.ToText("Before <!--#rotate> after"));
        Assert.Equal("Quoted > ok", HtmlText.ToText("<a title=\"x > y\">Quoted</a> &gt; ok"));
    }
}

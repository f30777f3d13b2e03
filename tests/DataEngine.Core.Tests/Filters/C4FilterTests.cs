using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class C4FilterTests
{
    private const string Page = """
        Welcome to our site
        The river rises in the hills above the town. It runs for forty miles before it reaches the sea.
        Please enable JavaScript to view the comments below.
        This site uses cookies to improve your experience.
        Read our Privacy Policy before you book a trip.
        Fishing is allowed from April to October.[1]
        Ok.
        And then the season was over...
        Click here
        Boats may be hired at the harbour. Prices vary by season.
        """;

    // Kept: line 2 (2 sentences), line 6 without its citation (1), line 10 (2) = 5 sentences.
    private const string Kept = """
        The river rises in the hills above the town. It runs for forty miles before it reaches the sea.
        Fishing is allowed from April to October.
        Boats may be hired at the harbour. Prices vary by season.
        """;

    private static readonly C4Filter Filter = new();

    [Fact]
    public void Keeps_only_good_lines_and_rewrites_the_text()
    {
        var doc = new TextDocument(Page);

        var verdict = Filter.Apply(doc);

        Assert.True(verdict.Keep);
        Assert.Equal(Kept, doc.Text);
        Assert.True(doc.IsRewritten);
    }

    [Fact]
    public void Later_filters_see_the_rewritten_text()
    {
        var doc = new TextDocument(Page);
        Assert.Equal(10, doc.Analysis.Lines.Length);

        Filter.Apply(doc);

        Assert.Equal(3, doc.Analysis.Lines.Length);
        Assert.Equal(new TextDocument(Kept).Analysis.Words.Length, doc.Analysis.Words.Length);
    }

    [Fact]
    public void Too_few_sentences_left()
    {
        // Without the last line 2 + 1 = 3 sentences remain.
        var page = Page[..Page.LastIndexOf('\n')];

        var verdict = Filter.Apply(new TextDocument(page));

        Assert.Equal(FilterVerdict.Drop("c4.min_sentences", 3, 5), verdict);
    }

    [Fact]
    public void Sentences_end_at_terminal_punctuation_before_a_space()
    {
        // 1 ("3.5" is no end) + 2 (a closing quote may follow the stop) + 3 ("?" and "!" end sentences) = 6.
        const string Text = "It cost 3.5 dollars.\nWe left. \"The road was dark.\"\nWho drove? Not me! Then we slept.";

        Assert.Equal(FilterVerdict.Drop("c4.min_sentences", 6, 7), new C4Filter(new C4Options { MinSentences = 7 }).Apply(new TextDocument(Text)));
        Assert.True(Filter.Apply(new TextDocument(Text)).Keep);
    }

    [Fact]
    public void Lorem_ipsum_drops_the_document()
    {
        var verdict = Filter.Apply(new TextDocument(Kept + "\nLorem Ipsum dolor sit amet, consectetur adipiscing elit."));

        Assert.Equal(FilterVerdict.Drop("c4.lorem_ipsum", 1, 0), verdict);
    }

    [Fact]
    public void A_curly_bracket_drops_the_document()
    {
        var verdict = Filter.Apply(new TextDocument(Kept + "\nfunction f() { return 1; }"));

        Assert.Equal(FilterVerdict.Drop("c4.curly_bracket", 1, 0), verdict);
    }

    [Fact]
    public void Document_rules_can_be_switched_off()
    {
        var filter = new C4Filter(new C4Options { LoremIpsum = false, CurlyBracket = false });
        var doc = new TextDocument(Kept + "\nLorem ipsum has {braces} in it.");

        Assert.True(filter.Apply(doc).Keep);
        Assert.EndsWith("Lorem ipsum has {braces} in it.", doc.Text);
    }

    [Fact]
    public void Line_rules_can_be_switched_off()
    {
        var filter = new C4Filter(new C4Options
        {
            TerminalPunct = false,
            MinWordsPerLine = null,
            Javascript = false,
            Policy = false,
            RemoveCitations = false,
        });
        var doc = new TextDocument(Page);

        Assert.True(filter.Apply(doc).Keep);
        Assert.Equal(Page, doc.Text);
        Assert.False(doc.IsRewritten);
    }

    [Fact]
    public void Clean_text_is_not_rewritten()
    {
        var doc = new TextDocument(Kept);

        Assert.True(Filter.Apply(doc).Keep);
        Assert.False(doc.IsRewritten);
    }

    [Fact]
    public void Citation_markers_are_removed()
    {
        var doc = new TextDocument(Kept + "\nThe harbour[edit] was rebuilt in 1901[citation needed] by the town[12].");

        Filter.Apply(doc);

        Assert.EndsWith("\nThe harbour was rebuilt in 1901 by the town.", doc.Text);
    }

    [Fact]
    public void Lines_with_an_over_long_word_go()
    {
        var doc = new TextDocument(Kept + "\nThe code was " + new string('x', 1001) + " today.");

        Filter.Apply(doc);

        Assert.Equal(Kept, doc.Text);
    }
}

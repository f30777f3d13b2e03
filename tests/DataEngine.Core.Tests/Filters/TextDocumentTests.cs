using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class TextDocumentTests
{
    [Fact]
    public void Replacing_the_text_recomputes_the_analysis()
    {
        var doc = new TextDocument("one two three");
        Assert.Equal(3, doc.Analysis.Words.Length);

        doc.ReplaceText("one two");

        Assert.Equal("one two", doc.Text);
        Assert.True(doc.IsRewritten);
        Assert.Equal(2, doc.Analysis.Words.Length);
    }

    [Fact]
    public void Replacing_with_the_same_text_is_no_rewrite()
    {
        var doc = new TextDocument("same");
        var analysis = doc.Analysis;

        doc.ReplaceText("same");

        Assert.False(doc.IsRewritten);
        Assert.Same(analysis, doc.Analysis);
    }
}

using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class TextAnalysisTests
{
    [Fact]
    public void Words_are_whitespace_tokens_with_edge_punctuation_trimmed()
    {
        const string Text = "(Hello), world! -- it's 3.5% ... #tag";
        var analysis = TextAnalysis.Compute(Text);

        var words = analysis.Words.ToArray().Select(w => Text.Substring(w.Start, w.Length));

        // "--" and "..." are punctuation only: tokens, not words.
        Assert.Equal(["Hello", "world", "it's", "3.5", "tag"], words);
        Assert.Equal(7, analysis.TokenCount);
        Assert.Equal(4, analysis.AlphaWordCount);
        Assert.Equal(5 + 5 + 4 + 3 + 3, analysis.WordCharCount);
    }

    [Fact]
    public void Same_word_gets_the_same_hash_wherever_it_stands()
    {
        var analysis = TextAnalysis.Compute("cat, dog. cat! Cat");
        var hashes = analysis.WordHashes;

        Assert.Equal(hashes[0], hashes[2]);
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.NotEqual(hashes[0], hashes[3]); // exact characters: case matters
        Assert.Equal(TextAnalysis.HashWord("cat"), hashes[0]);
    }

    [Fact]
    public void Lines_are_trimmed_and_blank_lines_split_paragraphs()
    {
        const string Text = "  first line \r\nsecond line\r\n\r\n \t \nthird\u2028fourth\n";
        var analysis = TextAnalysis.Compute(Text);

        var lines = analysis.Lines.ToArray().Select(l => Text.Substring(l.Start, l.Length));
        var paragraphs = analysis.Paragraphs.ToArray().Select(p => Text.Substring(p.Start, p.Length));

        Assert.Equal(["first line", "second line", "third", "fourth"], lines);
        Assert.Equal(["first line \r\nsecond line", "third\u2028fourth"], paragraphs);
    }

    [Fact]
    public void Empty_text_has_nothing()
    {
        var analysis = TextAnalysis.Compute("  \n\n ");

        Assert.Equal(0, analysis.Words.Length);
        Assert.Equal(0, analysis.Lines.Length);
        Assert.Equal(0, analysis.Paragraphs.Length);
    }
}

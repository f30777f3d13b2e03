using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class DefaultFiltersTests
{
    [Fact]
    public void Natural_prose_passes_every_default_filter_in_catalog_order()
    {
        var doc = new TextDocument(SampleTexts.Lighthouses);

        foreach (var name in FilterCatalog.Names)
        {
            var verdict = FilterCatalog.Create(name, null).Apply(doc);
            Assert.True(verdict.Keep, $"{name}: {verdict}");
        }

        // C4 joins the kept lines: the five paragraphs survive, the blank lines between them do not.
        Assert.Equal(SampleTexts.Lighthouses.Replace("\n\n", "\n"), doc.Text);
    }

    [Fact]
    public void Each_filter_names_the_rule_that_dropped_spam()
    {
        const string Spam = "Buy now!!! Buy now!!! Buy now!!!";

        var verdicts = FilterCatalog.Names.Select(name => FilterCatalog.Create(name, null).Apply(new TextDocument(Spam)).Rule);

        // "Buy now" 3 times x 7 characters = 21 of 32; 6 words; 3 sentences.
        Assert.Equal([null, "gopher_repetition.top_n_grams.2", "gopher_quality.min_doc_words", "c4.min_sentences"], verdicts);
    }
}

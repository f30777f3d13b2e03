using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class GopherQualityFilterTests
{
    private static readonly GopherQualityFilter Filter = new();

    private static FilterVerdict Apply(string text, GopherQualityFilter? filter = null) =>
        (filter ?? Filter).Apply(new TextDocument(text));

    private static string Repeat(string piece, int times, string separator = " ") =>
        string.Join(separator, Enumerable.Repeat(piece, times));

    private static void AssertDrop(FilterVerdict verdict, string rule, double value, double threshold)
    {
        Assert.False(verdict.Keep, $"expected a drop by {rule}");
        Assert.Equal(rule, verdict.Rule);
        Assert.Equal(value, verdict.Value, 6);
        Assert.Equal(threshold, verdict.Threshold, 6);
    }

    [Fact]
    public void Ordinary_prose_passes()
    {
        Assert.True(Apply(SampleTexts.Lighthouses).Keep);
    }

    [Fact]
    public void Too_few_words()
    {
        // The, cat, sat, on, the, mat: 6 words.
        AssertDrop(Apply("The cat sat on the mat."), "gopher_quality.min_doc_words", 6, 50);
    }

    [Fact]
    public void Too_many_words_when_configured()
    {
        var filter = new GopherQualityFilter(new GopherQualityOptions { MinDocWords = 1, MaxDocWords = 10 });

        // "the long road and the river" x2: 12 words.
        AssertDrop(Apply(Repeat("the long road and the river", 2), filter), "gopher_quality.max_doc_words", 12, 10);
    }

    [Fact]
    public void Words_too_short_on_average()
    {
        // I(1) am so ok to be at it (2 each): 15 chars / 8 words = 1.875; x7 = 56 words.
        AssertDrop(Apply(Repeat("I am so ok to be at it", 7)), "gopher_quality.min_avg_word_length", 1.875, 3);
    }

    [Fact]
    public void Words_too_long_on_average()
    {
        // "internationalization" is 20 characters; 50 of them.
        AssertDrop(Apply(Repeat("internationalization", 50)), "gopher_quality.max_avg_word_length", 20, 10);
    }

    [Fact]
    public void Too_many_hash_signs()
    {
        // "#topic word" x30: words topic, word = 60; 30 "#" / 60 words = 0.5.
        AssertDrop(Apply(Repeat("#topic word", 30)), "gopher_quality.max_symbol_word_ratio.hash", 0.5, 0.1);
    }

    [Fact]
    public void Too_many_ellipses()
    {
        // "wait... what" x30: 60 words, 30 "..." -> 0.5. The one-character "…" counts the same.
        AssertDrop(Apply(Repeat("wait... what", 30)), "gopher_quality.max_symbol_word_ratio.ellipsis", 0.5, 0.1);
        AssertDrop(Apply(Repeat("so… what", 30)), "gopher_quality.max_symbol_word_ratio.ellipsis", 0.5, 0.1);
    }

    [Fact]
    public void Mostly_bullet_lines()
    {
        // 10 lines of "- apples and pears are good": 50 words ("-" is no word), 10/10 bullets = 1.0.
        AssertDrop(Apply(Repeat("- apples and pears are good", 10, "\n")), "gopher_quality.max_bullet_lines_ratio", 1.0, 0.9);
    }

    [Fact]
    public void Bullet_lines_at_the_threshold_pass()
    {
        // 9 bullets of 10 lines = 0.9, not above 0.9.
        var text = Repeat("• apples and pears are good", 9, "\n") + "\nand then apples and pears are good";

        Assert.True(Apply(text).Keep);
    }

    [Fact]
    public void Too_many_lines_ending_in_an_ellipsis()
    {
        // 10 lines of 6 words (60 words); 4 end in "..." -> 0.4 of lines; 4 "..." / 60 words = 0.067 passes the symbol rule.
        var text = Repeat("we walked along the river today...", 4, "\n") + "\n" + Repeat("we walked along the river today.", 6, "\n");

        AssertDrop(Apply(text), "gopher_quality.max_ellipsis_lines_ratio", 0.4, 0.3);
    }

    [Fact]
    public void Too_few_words_with_letters()
    {
        // "the 1234 5678 9012 and" x12: 60 words, 24 with a letter = 0.4.
        AssertDrop(Apply(Repeat("the 1234 5678 9012 and", 12)), "gopher_quality.max_non_alpha_words_ratio", 0.4, 0.8);
    }

    [Fact]
    public void Punctuation_heavy_text_still_counts_its_words_as_words()
    {
        // NLTK-style tokens would add "-", "(", ")", ";", ":", ",", "." as words without letters: 9 of 16 tokens
        // per piece have a letter (0.56 < 0.8). Trimmed whitespace tokens give 9 words, all with letters.
        var text = Repeat("Well - I think (honestly) that ; it is : fine, really.", 8);

        Assert.True(Apply(text).Keep);
    }

    [Fact]
    public void Too_few_stop_words()
    {
        // cats chase mice quickly: no stop word; x13 = 52 words.
        AssertDrop(Apply(Repeat("cats chase mice quickly", 13)), "gopher_quality.min_stop_words", 0, 2);
    }

    [Fact]
    public void Stop_words_count_in_any_case()
    {
        var text = Repeat("cats chase mice quickly", 13) + " THE end, AND done.";

        Assert.True(Apply(text).Keep);
    }

    [Fact]
    public void A_disabled_rule_does_not_drop()
    {
        var filter = new GopherQualityFilter(new GopherQualityOptions { MinStopWords = null });

        Assert.True(Apply(Repeat("cats chase mice quickly", 13), filter).Keep);
    }
}

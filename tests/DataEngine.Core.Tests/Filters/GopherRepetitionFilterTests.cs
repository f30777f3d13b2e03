using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class GopherRepetitionFilterTests
{
    private static readonly GopherRepetitionFilter Filter = new();

    // "The same long paragraph appears twice here." is 43 characters.
    private const string Long = "The same long paragraph appears twice here.";

    private static FilterVerdict Apply(string text, GopherRepetitionFilter? filter = null) =>
        (filter ?? Filter).Apply(new TextDocument(text));

    private static void AssertDrop(FilterVerdict verdict, string rule, double value, double threshold)
    {
        Assert.False(verdict.Keep, $"expected a drop by {rule}");
        Assert.Equal(rule, verdict.Rule);
        Assert.Equal(value, verdict.Value, 6);
        Assert.Equal(threshold, verdict.Threshold, 6);
    }

    private static GopherRepetitionFilter OnlyNGrams(Dictionary<int, double> top, Dictionary<int, double> dup) => new(new GopherRepetitionOptions
    {
        DupLineFrac = null,
        DupParaFrac = null,
        DupLineCharFrac = null,
        DupParaCharFrac = null,
        TopNGrams = top,
        DupNGrams = dup,
    });

    [Fact]
    public void Ordinary_prose_passes()
    {
        Assert.True(Apply(SampleTexts.Lighthouses).Keep);
    }

    [Fact]
    public void Repeated_paragraphs()
    {
        // 3 paragraphs, the second repeats the first: 1/3.
        AssertDrop(Apply("Alpha beta gamma.\n\nAlpha beta gamma.\n\nDelta epsilon zeta."), "gopher_repetition.dup_para_frac", 1.0 / 3, 0.3);
    }

    [Fact]
    public void Characters_in_repeated_paragraphs()
    {
        // 4 paragraphs, 1 repeated (0.25 passes dup_para_frac); 43 repeated characters of 43+2+43+2+10+2+10 = 112.
        var text = $"{Long}\n\n{Long}\n\nShort one.\n\nShort two.";

        AssertDrop(Apply(text), "gopher_repetition.dup_para_char_frac", 43.0 / 112, 0.2);
    }

    [Fact]
    public void Repeated_lines()
    {
        // One paragraph of 3 lines, one repeated: 1/3.
        AssertDrop(Apply("Alpha beta gamma.\nAlpha beta gamma.\nDelta epsilon zeta."), "gopher_repetition.dup_line_frac", 1.0 / 3, 0.3);
    }

    [Fact]
    public void Characters_in_repeated_lines()
    {
        // 4 lines, 1 repeated (0.25); 43 repeated characters of 43+1+43+1+10+1+10 = 109.
        var text = $"{Long}\n{Long}\nShort one.\nShort two.";

        AssertDrop(Apply(text), "gopher_repetition.dup_line_char_frac", 43.0 / 109, 0.2);
    }

    [Fact]
    public void Most_frequent_2_gram()
    {
        // "red fox" 4 times, 7 characters each = 28 of 12+12+12+11+3 = 50 characters.
        AssertDrop(Apply("red fox ran, red fox sat, red fox hid, red fox ate"), "gopher_repetition.top_n_grams.2", 28.0 / 50, 0.2);
    }

    [Fact]
    public void Most_frequent_3_gram()
    {
        // 193 characters. "big cat extraordinarily" twice. Top 2-gram: "cat extraordinarily" (19) x2 = 38/193 = 0.197, passes.
        // Top 3-gram: "big cat extraordinarily" (23) x2 = 46/193 = 0.238 > 0.18.
        const string Text = "One big cat extraordinarily quiet walked past our old wooden gate yesterday morning. "
            + "Nobody expected such a big cat extraordinarily calm to sit beside the fountain while children played nearby.";

        AssertDrop(Apply(Text), "gopher_repetition.top_n_grams.3", 46.0 / 193, 0.18);
    }

    [Fact]
    public void An_n_gram_seen_once_is_no_repetition()
    {
        // datatrove would score "red fox" at 7/11 and drop this; nothing here repeats.
        Assert.True(Apply("red fox ran").Keep);
    }

    [Fact]
    public void Repeated_5_grams()
    {
        // "one two three four five" comes back once: 3+3+5+4+4 = 19 characters of 79.
        var filter = OnlyNGrams([], new() { [5] = 0.15 });

        AssertDrop(
            Apply("one two three four five six seven eight nine ten one two three four five eleven", filter),
            "gopher_repetition.dup_n_grams.5",
            19.0 / 79,
            0.15);
    }

    [Fact]
    public void Overlapping_repeated_n_grams_count_each_word_once()
    {
        // 15 two-letter words (44 characters): the 2nd and 3rd rounds, 10 words = 20 characters, repeat the first.
        // Six repeated 5-grams overlap there; counting each would give 30 characters.
        var filter = OnlyNGrams([], new() { [5] = 0.15 });

        AssertDrop(Apply("la de da di do la de da di do la de da di do", filter), "gopher_repetition.dup_n_grams.5", 20.0 / 44, 0.15);
    }

    [Fact]
    public void Configured_thresholds_apply()
    {
        // Same text as Repeated_5_grams: 19/79 = 0.24 passes a 0.3 threshold.
        var filter = OnlyNGrams([], new() { [5] = 0.3 });

        Assert.True(Apply("one two three four five six seven eight nine ten one two three four five eleven", filter).Keep);
    }

    [Fact]
    public void Shared_tables_give_the_same_answers_across_threads()
    {
        var texts = new[] { SampleTexts.Lighthouses, "red fox ran, red fox sat, red fox hid, red fox ate", $"{Long}\n{Long}\nShort one.\nShort two." };
        var expected = texts.Select(t => Apply(t)).ToArray();

        var results = Enumerable.Range(0, 400).AsParallel().Select(i => Apply(texts[i % texts.Length]) == expected[i % texts.Length]);

        Assert.All(results, Assert.True);
    }
}

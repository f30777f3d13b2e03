using System.Text.Json;
using DataEngine.Core.Filters;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Filters;

public class FilterCatalogTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static string Error(string name, string? json) =>
        Assert.Throws<PipelineConfigException>(() => FilterCatalog.Create(name, json is null ? null : Json(json))).Message;

    [Fact]
    public void Every_listed_name_creates_its_filter_with_defaults()
    {
        foreach (var name in FilterCatalog.Names)
        {
            Assert.Equal(name, FilterCatalog.Create(name, null).Name);
        }

        Assert.Equal(["length", "gopher_repetition", "gopher_quality", "c4"], FilterCatalog.Names);
    }

    [Fact]
    public void Options_reach_the_filter()
    {
        var filter = (GopherQualityFilter)FilterCatalog.Create("gopher_quality", Json("""{"min_doc_words": 3, "min_stop_words": null}"""));

        Assert.Equal(3, filter.Options.MinDocWords);
        Assert.Null(filter.Options.MinStopWords);
        Assert.Equal(100_000, filter.Options.MaxDocWords);
        Assert.True(filter.Apply(new TextDocument("cats chase mice")).Keep);
    }

    [Fact]
    public void N_gram_maps_replace_the_defaults()
    {
        var filter = (GopherRepetitionFilter)FilterCatalog.Create("gopher_repetition", Json("""{"top_n_grams": {"2": 0.5, "3": null}, "dup_n_grams": null}"""));

        Assert.Equal(new Dictionary<int, double> { [2] = 0.5 }, filter.Options.TopNGrams);
        Assert.Empty(filter.Options.DupNGrams);
    }

    [Fact]
    public void C4_switches_are_booleans()
    {
        var filter = (C4Filter)FilterCatalog.Create("c4", Json("""{"lorem_ipsum": false, "min_sentences": 2}"""));

        Assert.False(filter.Options.LoremIpsum);
        Assert.Equal(2, filter.Options.MinSentences);
    }

    [Fact]
    public void Unknown_filter_lists_the_known_ones()
    {
        Assert.Equal("Unknown filter 'gopher'; known filters: length, gopher_repetition, gopher_quality, c4.", Error("gopher", null));
    }

    [Fact]
    public void Unknown_option_names_the_filter_and_lists_the_allowed_options()
    {
        var message = Error("length", """{"min_char": 10}""");

        Assert.Equal("Filter 'length': unknown option 'min_char' (value 10); allowed options: min_chars, max_chars.", message);
    }

    [Theory]
    [InlineData("gopher_quality", """{"max_bullet_lines_ratio": 1.5}""", "Filter 'gopher_quality': option 'max_bullet_lines_ratio' is 1.5; allowed: a fraction between 0 and 1, or null to disable the rule.")]
    [InlineData("gopher_quality", """{"min_doc_words": -1}""", "Filter 'gopher_quality': option 'min_doc_words' is -1; allowed: a whole number of at least 0, or null to disable the rule.")]
    [InlineData("gopher_quality", """{"min_avg_word_length": 12}""", "Filter 'gopher_quality': option 'min_avg_word_length' is 12, more than 'max_avg_word_length' (10); allowed: min_avg_word_length <= max_avg_word_length.")]
    [InlineData("length", """{"min_chars": 500, "max_chars": 100}""", "Filter 'length': option 'min_chars' is 500, more than 'max_chars' (100); allowed: min_chars <= max_chars.")]
    [InlineData("gopher_repetition", """{"dup_line_frac": -0.1}""", "Filter 'gopher_repetition': option 'dup_line_frac' is -0.1; allowed: a fraction between 0 and 1, or null to disable the rule.")]
    [InlineData("gopher_repetition", """{"top_n_grams": {"2": 2}}""", "Filter 'gopher_repetition': option 'top_n_grams.2' is 2; allowed: a fraction between 0 and 1, or null to disable the rule.")]
    [InlineData("gopher_repetition", """{"dup_n_grams": {"0": 0.1}}""", "Filter 'gopher_repetition': option 'dup_n_grams' is {\"0\": 0.1}; allowed: n-gram sizes from 1 to 50.")]
    [InlineData("c4", """{"max_word_length": 0}""", "Filter 'c4': option 'max_word_length' is 0; allowed: a whole number of at least 1, or null to disable the rule.")]
    public void Out_of_range_values_name_filter_option_value_and_range(string name, string json, string expected)
    {
        Assert.Equal(expected, Error(name, json));
    }

    [Theory]
    [InlineData("gopher_quality", """{"min_doc_words": "50"}""", "Filter 'gopher_quality': option 'min_doc_words' is \"50\" (string); allowed: a whole number, or null to disable the rule.")]
    [InlineData("gopher_quality", """{"min_doc_words": 2.5}""", "Filter 'gopher_quality': option 'min_doc_words' is 2.5 (number); allowed: a whole number, or null to disable the rule.")]
    [InlineData("c4", """{"lorem_ipsum": "yes"}""", "Filter 'c4': option 'lorem_ipsum' is \"yes\" (string); allowed: true or false.")]
    [InlineData("gopher_repetition", """{"top_n_grams": [2, 0.2]}""", "Filter 'gopher_repetition': option 'top_n_grams' is [2, 0.2] (array); allowed: an object from n-gram size to fraction, like {\"2\": 0.2, \"3\": 0.18}, or null to disable.")]
    [InlineData("length", "[1]", "Filter 'length': options are [1]; allowed: an object of option names and values, or nothing for the defaults.")]
    public void Wrong_types_name_filter_option_value_and_type(string name, string json, string expected)
    {
        Assert.Equal(expected, Error(name, json));
    }

    [Fact]
    public void Filters_built_in_code_are_validated_too()
    {
        Assert.Throws<PipelineConfigException>(() => new GopherQualityFilter(new GopherQualityOptions { MaxSymbolWordRatio = 2 }));
    }
}

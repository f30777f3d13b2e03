using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Tests.Pipeline;

public sealed class PipelineConfigLoaderTests
{
    const string Yaml = """
        dataset: mail-sample
        reader:
          text_field: body
          content: mail
        batching:
          batch_size: 100
          max_parallel_batches: 4
        filters:
          - length: { min_chars: 40 }
          - gopher_repetition
          - gopher_quality:
              min_doc_words: 20
              max_non_alpha_words_ratio: null
        """;

    [Fact]
    public void Yaml_and_its_canonical_json_describe_the_same_pipeline()
    {
        var fromYaml = PipelineConfigLoader.Parse(Yaml, isYaml: true);
        var fromJson = PipelineConfigLoader.Parse(PipelineConfigLoader.ToJson(fromYaml), isYaml: false);

        Assert.Equal("mail-sample", fromJson.Dataset);
        Assert.Equal("body", fromJson.Reader.TextField);
        Assert.Equal("mail", fromJson.Reader.Content);
        Assert.Equal(100, fromJson.Batching.BatchSize);
        Assert.Equal(["length", "gopher_repetition", "gopher_quality"], fromJson.Filters.Select(f => f.Name));
        var quality = fromJson.Filters[2].Options!.Value;
        Assert.Equal(20, quality.GetProperty("min_doc_words").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, quality.GetProperty("max_non_alpha_words_ratio").ValueKind);
        Assert.Equal(PipelineConfigLoader.ToJson(fromYaml), PipelineConfigLoader.ToJson(fromJson));
    }

    [Fact]
    public void The_compiled_pipeline_builds_the_filters_in_order_with_their_options()
    {
        var pipeline = CompiledPipeline.Create(PipelineConfigLoader.Parse(Yaml, isYaml: true));

        Assert.Equal(["length", "gopher_repetition", "gopher_quality"], pipeline.Filters.Select(f => f.Name));
        var shortMail = new Core.Filters.TextDocument(string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over a lazy dog", 3)));
        Assert.True(pipeline.Filters[2].Apply(shortMail).Keep, "27 words pass min_doc_words 20");
    }

    [Theory]
    [InlineData("dataset: x\nbatching:\n  batch_sise: 10\n", "batching.batch_sise")]
    [InlineData("dataset: x\nreadr: {}\n", "readr")]
    [InlineData("dataset: x\nbatching:\n  batch_size: 0\n", "batching.batch_size")]
    [InlineData("dataset: x\nbatching:\n  batch_size: many\n", "batching.batch_size")]
    [InlineData("dataset: Not A Name\n", "dataset")]
    [InlineData("dataset: x\nreader:\n  content: pdf\n", "reader.content")]
    [InlineData("dataset: x\nreader:\n  format: csv\n", "reader.format")]
    [InlineData("dataset: x\nfilters:\n  - a: {}\n    b: {}\n", "filters[0]")]
    [InlineData("dataset: [\n", "not valid YAML")]
    public void A_wrong_setting_is_an_error_that_names_it(string yaml, string named)
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Parse(yaml, isYaml: true, "test.yaml"));

        Assert.StartsWith("test.yaml:", error.Message);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void An_unknown_filter_fails_when_the_pipeline_is_compiled_naming_its_place_and_the_known_filters()
    {
        var config = PipelineConfigLoader.Parse("dataset: x\nfilters:\n  - length\n  - gopher_qualty\n", isYaml: true);

        var error = Assert.Throws<PipelineConfigException>(() => CompiledPipeline.Create(config));

        Assert.Contains("filters[1]", error.Message);
        Assert.Contains("gopher_qualty", error.Message);
        Assert.Contains("gopher_quality", error.Message);
    }

    [Fact]
    public void Config_files_among_the_inputs_are_recognised_in_any_folder()
    {
        Assert.True(CompiledPipeline.IsConfigFile("mail/2024/pipeline.yaml"));
        Assert.True(CompiledPipeline.IsConfigFile("pipeline.JSON"));
        Assert.False(CompiledPipeline.IsConfigFile("mail/my-pipeline.yaml"));
        Assert.False(CompiledPipeline.IsConfigFile("mail/pipeline.yaml.bak"));
    }
}

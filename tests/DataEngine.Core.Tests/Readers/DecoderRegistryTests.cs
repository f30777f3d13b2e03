using DataEngine.Core.Pipeline;
using DataEngine.Core.Readers;

namespace DataEngine.Core.Tests.Readers;

public class DecoderRegistryTests
{
    [Theory]
    [InlineData("raw/corpus.jsonl", "jsonl")]
    [InlineData("raw/corpus.ndjson", "jsonl")]
    [InlineData("raw/notes.txt", "text")]
    [InlineData("raw/README.md", "text")]
    [InlineData("raw/guide.markdown", "text")]
    [InlineData("raw/page.html", "html")]
    [InlineData("raw/PAGE.HTM", "html")]
    [InlineData("raw/inbox/message.eml", "eml")]
    [InlineData("raw/corpus.jsonl.gz", "jsonl")]
    [InlineData("raw/inbox/message.EML.GZ", "eml")]
    public void Picks_the_decoder_by_extension(string source, string expected)
    {
        Assert.Equal(expected, new DecoderRegistry(new ReaderOptions()).ForSource(source)?.Name);
    }

    [Fact]
    public void An_unknown_extension_has_no_decoder_and_a_reason_that_names_it()
    {
        var registry = new DecoderRegistry(new ReaderOptions());

        Assert.Null(registry.ForSource("raw/photo.BIN"));
        Assert.Equal("no reader for extension '.bin'", DecoderRegistry.NoReaderReason("raw/photo.BIN"));
        Assert.Null(registry.ForSource("raw/Makefile"));
        Assert.Equal("no reader for a file without extension", DecoderRegistry.NoReaderReason("raw/Makefile"));
        Assert.Null(registry.ForSource("raw/photo.bin.gz"));
        Assert.Equal("no reader for extension '.bin' inside the .gz", DecoderRegistry.NoReaderReason("raw/photo.bin.gz"));
        Assert.Equal("no reader for a file without extension inside the .gz", DecoderRegistry.NoReaderReason("raw/dump.gz"));
    }

    [Fact]
    public void A_configured_format_overrides_the_extension()
    {
        var registry = new DecoderRegistry(new ReaderOptions(Format: "EML"));

        Assert.Equal("eml", registry.ForSource("raw/export.txt")?.Name);
        Assert.Equal("eml", registry.ForSource("raw/no-extension")?.Name);
    }

    [Fact]
    public void Jsonl_options_reach_the_decoder_whether_chosen_by_format_or_extension()
    {
        var registry = new DecoderRegistry(new ReaderOptions(Format: null, TextField: "body", Content: JsonlContent.Mail));

        var decoder = Assert.IsType<JsonlDecoder>(registry.ForSource("raw/mail.jsonl"));

        Assert.Equal("body", decoder.TextField);
        Assert.Equal(JsonlContent.Mail, decoder.Content);
        Assert.True(decoder.LineDelimited);
        Assert.False(registry.ForSource("a.eml")!.LineDelimited);
    }

    [Fact]
    public void A_bad_configuration_fails_with_a_message_that_names_the_setting()
    {
        var format = Assert.Throws<PipelineConfigException>(() => new DecoderRegistry(new ReaderOptions(Format: "csv")));
        Assert.Contains("'csv'", format.Message);
        Assert.Contains("jsonl, text, html, eml", format.Message);

        var field = Assert.Throws<PipelineConfigException>(() => new DecoderRegistry(new ReaderOptions(TextField: " ")));
        Assert.Contains("text field", field.Message);
    }
}

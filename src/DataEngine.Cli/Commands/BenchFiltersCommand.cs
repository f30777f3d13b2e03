using System.ComponentModel;
using System.Text.Json;
using DataEngine.Cli.Bench;
using DataEngine.Core.Pipeline;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine bench filters [corpus]`: prints the first-pass and durable-run throughput as JSON on stdout.</summary>
sealed class BenchFiltersCommand : AsyncCommand<BenchFiltersCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[corpus]")]
        [Description("JSONL or JSONL.gz with `text` and `label` fields. Default: ../shared/data/spamassassin-dev.jsonl.gz.")]
        public string Corpus { get; init; } = BenchCorpus.DefaultPath;

        [CommandOption("--runs <N>")]
        [Description("Timed repetitions of each measurement; the median is reported.")]
        [DefaultValue(5)]
        public int Runs { get; init; } = 5;

        [CommandOption("--batch-size <N>")]
        [DefaultValue(500)]
        public int BatchSize { get; init; } = 500;

        [CommandOption("-c|--config <FILE>")]
        [Description("Pipeline config whose filters to measure. Default: the built-in Gopher quality + repetition rules and exact dedup.")]
        public string? Config { get; init; }

        [CommandOption("--content <KIND>")]
        [Description("What `text` holds: mail (raw RFC 822), text, or auto (detected from the first lines).")]
        [DefaultValue("auto")]
        public string Content { get; init; } = "auto";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        BenchCorpus corpus;
        try
        {
            corpus = BenchCorpus.Load(settings.Corpus, settings.Content);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        var config = settings.Config is null ? DefaultPipeline.For("bench") : PipelineConfigLoader.LoadFile(settings.Config);

        // The corpus is one JSONL file: read it as such, whatever the config's reader says about file formats.
        config = config with { Reader = config.Reader with { Format = "jsonl", TextField = "text", Content = corpus.IsMail ? "mail" : "text" } };
        var result = await new FilterBench(corpus, config, settings.Runs, settings.BatchSize).RunAsync(cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }
}

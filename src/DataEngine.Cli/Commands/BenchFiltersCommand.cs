using System.ComponentModel;
using System.Text.Json;
using DataEngine.Cli.Bench;
using DataEngine.Core.Pipeline;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine bench filters [corpus]`: prints the first-pass and durable-run throughput as JSON on stdout.</summary>
sealed class BenchFiltersCommand : AsyncCommand<BenchFiltersCommand.Settings>
{
    public sealed class Settings : BenchCorpusSettings
    {
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
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadCorpus() is not { } corpus)
        {
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

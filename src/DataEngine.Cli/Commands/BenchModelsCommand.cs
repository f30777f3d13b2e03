using System.ComponentModel;
using System.Text.Json;
using DataEngine.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine bench models [corpus]`: model-tier throughput against raw ONNX Runtime, as JSON on stdout.</summary>
sealed class BenchModelsCommand : Command<BenchModelsCommand.Settings>
{
    public sealed class Settings : BenchCorpusSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Timed repetitions of each measurement; the median is reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--texts <N>")]
        [Description("Texts sampled (evenly spaced) from the corpus for the embedder.")]
        [DefaultValue(256)]
        public int Texts { get; init; } = 256;

        [CommandOption("--provider <NAME>")]
        [Description("Execution provider: cpu, or cuda (needs the build made with -p:ModelsExecution=cuda and an NVIDIA GPU).")]
        [DefaultValue("cpu")]
        public string Provider { get; init; } = "cpu";

        [CommandOption("--device <N>")]
        [Description("CUDA device ordinal.")]
        [DefaultValue(0)]
        public int Device { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Intra-op threads of each session. 0: one per core of this machine.")]
        [DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--batch-size <N>")]
        [Description("Texts per inference.")]
        [DefaultValue(8)]
        public int BatchSize { get; init; } = 8;

        [CommandOption("--foundation-error-rate <RATE>")]
        [Description("How often the simulated foundation model of the cascade section answers a wrong label.")]
        [DefaultValue(0.03)]
        public double FoundationErrorRate { get; init; } = 0.03;

        [CommandOption("--only <SECTIONS>")]
        [Description("Comma-separated sections to run (embedder, heads, cascade). Default: all.")]
        public string? Only { get; init; }

        public override ValidationResult Validate()
        {
            if (FoundationErrorRate is < 0 or > 1)
            {
                return ValidationResult.Error("--foundation-error-rate must be between 0 and 1.");
            }

            if (Runs < 1 || Texts < 1 || BatchSize < 1 || Threads < 0 || Device < 0)
            {
                return ValidationResult.Error("--runs, --texts and --batch-size must be at least 1; --threads and --device at least 0.");
            }

            return Provider.ToLowerInvariant() is "cpu" or "cuda" ? ValidationResult.Success() : ValidationResult.Error("--provider must be cpu or cuda.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadCorpus() is not { } corpus)
        {
            return 2;
        }

        var options = new ModelBenchOptions(
            settings.Runs,
            settings.Texts,
            settings.Provider.ToLowerInvariant(),
            settings.Device,
            settings.Threads == 0 ? Environment.ProcessorCount : settings.Threads,
            settings.BatchSize,
            settings.FoundationErrorRate);
        var bench = new ModelBench(corpus, options);
        var sections = settings.Only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. bench.Sections];
        if (sections.FirstOrDefault(s => !bench.Sections.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown section '{unknown}' in --only; sections: {string.Join(", ", bench.Sections)}.");
            return 2;
        }

        Dictionary<string, object> result;
        try
        {
            result = bench.Run(sections, cancellationToken);
        }
        catch (Exception ex) when (ex is System.ComponentModel.DataAnnotations.ValidationException or InvalidOperationException)
        {
            // A provider this build or machine lacks: the message says what to build or install.
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }
}

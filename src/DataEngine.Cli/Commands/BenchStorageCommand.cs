using System.ComponentModel;
using System.Text.Json;
using DataEngine.Cli.Bench;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine bench storage`: blob and record throughput of each storage implementation against its client library alone, as JSON on stdout.</summary>
sealed class BenchStorageCommand : AsyncCommand<BenchStorageCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Timed repetitions of each measurement; the median is reported.")]
        [DefaultValue(5)]
        public int Runs { get; init; } = 5;

        [CommandOption("--embedded-only")]
        [Description("Measure only the folder and SQLite stores: no emulators (which need Node.js 20+ and npm).")]
        public bool EmbeddedOnly { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var workload = new StorageBenchWorkload(blobs: 8, blobMegabytes: 16, items: 5000, itemsPerCall: 500, pointReads: 1000);
        var result = await new StorageBench(workload, settings.Runs).RunAsync(settings.EmbeddedOnly, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }
}

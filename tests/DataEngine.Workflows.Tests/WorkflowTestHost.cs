using System.Text;
using System.Text.Json;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Local;
using DataEngine.Local.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Workflows.Tests;

/// <summary>Starts the real local engine (in-process durable host, folder blobs, SQLite) with a fault-injecting blob store.</summary>
static class WorkflowTestHost
{
    public static async Task<(LocalEngine Engine, FaultyBlobStore Faults)> StartAsync(string outFolder)
    {
        var engine = await LocalEngine.StartAsync(outFolder, configureServices: services =>
            services.AddSingleton<IBlobStore>(sp => new FaultyBlobStore(sp.GetRequiredService<FolderBlobStore>())));
        return (engine, (FaultyBlobStore)engine.Services.GetRequiredService<IBlobStore>());
    }

    /// <summary>A pipeline that keeps any text of 20+ characters: these tests are about the workflow, not the filters.</summary>
    public static PipelineConfig Pipeline(string dataset, int batchSize, int parallel = 4, long maxItemBytes = 16L << 20) => new()
    {
        Dataset = dataset,
        Reader = new ReaderConfig { MaxItemBytes = maxItemBytes },
        Batching = new BatchingConfig { BatchSize = batchSize, MaxParallelBatches = parallel, MaxAttempts = 3 },
        Filters = [new FilterStep("length", JsonDocument.Parse("""{"min_chars": 20}""").RootElement)],
    };

    /// <summary>JSONL lines of distinct texts: "Record {n} of the sample set ..." with a `text` field and an `n` field.</summary>
    public static string Lines(int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(n =>
            JsonSerializer.Serialize(new { n, text = $"Record {n} of the sample set describes a different afternoon by the river." }) + "\n"));

    public static string Line(string text) => JsonSerializer.Serialize(new { text }) + "\n";

    public static async Task<List<JsonElement>> CuratedAsync(RunOutcome outcome)
    {
        var rows = new List<JsonElement>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(outcome.OutputFolder, "curated"), "*.jsonl").Order())
        {
            foreach (var line in await File.ReadAllLinesAsync(file, Encoding.UTF8))
            {
                rows.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return rows;
    }
}

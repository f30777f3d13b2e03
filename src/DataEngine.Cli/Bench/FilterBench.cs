using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Filters;
using DataEngine.Core.Items;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Runs;
using DataEngine.Local;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench filters`: throughput of the first pass on one core and of the whole durable run, each beside a baseline
/// measured in the same process on the same bytes (read + UTF-8 decode + SHA-256).
/// </summary>
sealed class FilterBench(BenchCorpus corpus, PipelineConfig pipeline, int repetitions, int batchSize)
{
    public async Task<object> RunAsync(CancellationToken cancellationToken)
    {
        var compiled = CompiledPipeline.Create(pipeline);
        var firstPass = new FirstPass(compiled);
        var units = corpus.Lines.Select((line, i) => new WorkUnit("corpus.jsonl", 0, line.Length, i + 1, i)).ToArray();

        // Decoded texts for the filter-only measurement, produced outside any timing.
        var decoder = compiled.DecoderFor("corpus.jsonl")!;
        var texts = corpus.Lines
            .Select((line, i) => decoder.Decode(line, new ItemLocation("corpus.jsonl", i + 1)).Item?.Text)
            .OfType<string>()
            .ToArray();
        var decodedBytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        var gopher = new[] { FilterCatalog.Create("gopher_quality", null), FilterCatalog.Create("gopher_repetition", null) };

        var baseline = Repeat(() => Baseline(corpus.Lines));
        var gopherSeconds = Repeat(() => Filters(texts, gopher));
        var firstPassSeconds = Repeat(() => FirstPassAll(firstPass, units));
        var (serial, parallel) = await DurableAsync(cancellationToken);

        var baselineMbs = corpus.Bytes / 1e6 / Stats.Median(baseline);
        var firstPassMbs = corpus.Bytes / 1e6 / Stats.Median(firstPassSeconds);
        var gopherMbs = decodedBytes / 1e6 / Stats.Median(gopherSeconds);
        var durableMbs = corpus.Bytes / 1e6 / Stats.Median(serial);
        var parallelMbs = corpus.Bytes / 1e6 / Stats.Median(parallel);
        return new
        {
            bench = "filters",
            corpus = Path.GetFullPath(corpus.Path),
            content = corpus.IsMail ? "mail" : "text",
            items = corpus.Lines.Count,
            rawMegabytes = Stats.Round(corpus.Bytes / 1e6),
            decodedMegabytes = Stats.Round(decodedBytes / 1e6),
            repetitions,
            statistic = "median",
            cores = Environment.ProcessorCount,
            filters = pipeline.Filters.Select(f => f.Name).ToArray(),
            baseline = Measure("read + UTF-8 decode + SHA-256 of the raw lines, one core", corpus.Lines.Count, corpus.Bytes, baseline),
            gopherFilters = new
            {
                what = "gopher_quality + gopher_repetition on decoded text, one core",
                megabytesPerSecond = Stats.Round(gopherMbs),
                docsPerSecond = Stats.Round(texts.Length / Stats.Median(gopherSeconds), 0),
                target = 30.0,
                meetsTarget = gopherMbs >= 30,
            },
            firstPass = new
            {
                what = "readers (JSONL + MIME decode) + filters + exact-dedup keys on raw lines, one core",
                megabytesPerSecond = Stats.Round(firstPassMbs),
                docsPerSecond = Stats.Round(corpus.Lines.Count / Stats.Median(firstPassSeconds), 0),
                ratioToBaseline = Stats.Round(firstPassMbs / baselineMbs, 3),
                target = 20.0,
                meetsTarget = firstPassMbs >= 20,
            },
            durableRun = new
            {
                what = $"whole durable run on the in-process host, batch size {batchSize}, one batch in flight (per-core comparison)",
                megabytesPerSecond = Stats.Round(durableMbs),
                docsPerSecond = Stats.Round(corpus.Lines.Count / Stats.Median(serial), 0),
                ratioToFirstPass = Stats.Round(durableMbs / firstPassMbs, 3),
                target = 0.7,
                meetsTarget = durableMbs / firstPassMbs >= 0.7,
            },
            durableRunParallel = new
            {
                what = $"the same durable run with {Environment.ProcessorCount} batches in flight",
                megabytesPerSecond = Stats.Round(parallelMbs),
                docsPerSecond = Stats.Round(corpus.Lines.Count / Stats.Median(parallel), 0),
                ratioToFirstPass = Stats.Round(parallelMbs / firstPassMbs, 3),
            },
        };
    }

    static object Measure(string what, int items, long bytes, List<double> seconds) => new
    {
        what,
        megabytesPerSecond = Stats.Round(bytes / 1e6 / Stats.Median(seconds)),
        docsPerSecond = Stats.Round(items / Stats.Median(seconds), 0),
    };

    List<double> Repeat(Func<long> run)
    {
        run(); // warm-up: JIT, tiered compilation, pools
        var seconds = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var clock = Stopwatch.StartNew();
            var sink = run();
            seconds.Add(clock.Elapsed.TotalSeconds);
            GC.KeepAlive(sink);
        }

        return seconds;
    }

    static long Baseline(IReadOnlyList<byte[]> lines)
    {
        long sink = 0;
        Span<byte> hash = stackalloc byte[32];
        foreach (var line in lines)
        {
            var text = Encoding.UTF8.GetString(line);
            SHA256.HashData(line, hash);
            sink += text.Length + hash[0];
        }

        return sink;
    }

    static long Filters(string[] texts, ITextFilter[] filters)
    {
        long kept = 0;
        foreach (var text in texts)
        {
            var doc = new TextDocument(text);
            foreach (var filter in filters)
            {
                kept += filter.Apply(doc).Keep ? 1 : 0; // every filter runs on every text: this measures the filters, not the cascade
            }
        }

        return kept;
    }

    long FirstPassAll(FirstPass firstPass, WorkUnit[] units)
    {
        var corpusLines = corpus.Lines;
        long kept = 0;
        for (var i = 0; i < units.Length; i++)
        {
            var (outcome, _) = firstPass.Process(corpusLines[i], units[i]);
            kept += outcome.State == ItemState.Accepted ? 1 : 0;
        }

        return kept;
    }

    async Task<(List<double> Serial, List<double> Parallel)> DurableAsync(CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("dataengine-bench-");
        try
        {
            var input = Path.Combine(work.FullName, "input", "corpus.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            await using (var file = File.Create(input))
            {
                foreach (var line in corpus.Lines)
                {
                    file.Write(line);
                    file.WriteByte((byte)'\n');
                }
            }

            await using var engine = await LocalEngine.StartAsync(Path.Combine(work.FullName, "out"), cancellationToken: cancellationToken);
            var prefix = await engine.UploadAsync(input, pipeline.Dataset, cancellationToken);
            var starter = engine.Services.GetService(typeof(RunStarter)) as RunStarter ?? throw new InvalidOperationException("RunStarter is not registered.");
            var round = 0;

            async Task<List<double>> Runs(int parallelBatches)
            {
                var seconds = new List<double>();
                for (var i = -1; i < repetitions; i++)
                {
                    // A fresh dataset name per run: otherwise exact dedup against the previous run marks everything a duplicate.
                    var config = pipeline with
                    {
                        Dataset = $"{pipeline.Dataset}-r{round++}",
                        Batching = pipeline.Batching with { BatchSize = batchSize, MaxParallelBatches = parallelBatches },
                    };
                    GC.Collect();
                    var clock = Stopwatch.StartNew();
                    var runId = await starter.RunIdForAsync(prefix, config, cancellationToken);
                    var request = await starter.PrepareAsync(runId, prefix, config, cancellationToken);
                    var report = await engine.RunOrchestrationAsync(request, cancellationToken: cancellationToken);
                    if (i >= 0)
                    {
                        seconds.Add(clock.Elapsed.TotalSeconds); // run -1 is the warm-up
                    }

                    if (!report.AddsUp || report.Read != corpus.Lines.Count)
                    {
                        throw new InvalidOperationException($"Durable run {runId} read {report.Read} of {corpus.Lines.Count} items; the benchmark is void.");
                    }
                }

                return seconds;
            }

            return (await Runs(1), await Runs(Environment.ProcessorCount));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

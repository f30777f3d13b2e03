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
    /// <summary>One timed run: wall-clock seconds and the process's CPU seconds (all threads: GC and JIT included).</summary>
    readonly record struct Sample(double Seconds, double CpuSeconds);

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

        var baselineMbs = Mbs(corpus.Bytes, baseline);
        var firstPassMbs = Mbs(corpus.Bytes, firstPassSeconds);
        var gopherMbs = Mbs(decodedBytes, gopherSeconds);
        var serialMbs = Mbs(corpus.Bytes, serial);
        var parallelMbs = Mbs(corpus.Bytes, parallel);
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
            baseline = Measure("read + UTF-8 decode + SHA-256 of the raw lines, one thread", corpus.Lines.Count, corpus.Bytes, baseline),
            gopherFilters = Measure("gopher_quality + gopher_repetition on decoded text, one thread", texts.Length, decodedBytes, gopherSeconds,
                target: 30, meets: gopherMbs >= 30),
            firstPass = Measure("readers (JSONL + MIME decode) + filters + exact-dedup keys on raw lines, one thread", corpus.Lines.Count, corpus.Bytes, firstPassSeconds,
                ratioName: "ratioToBaseline", ratio: firstPassMbs / baselineMbs, target: 20, meets: firstPassMbs >= 20),
            durableRun = Measure($"whole durable run on the in-process host, batch size {batchSize}, {Environment.ProcessorCount} batches in flight (one per core)", corpus.Lines.Count, corpus.Bytes, parallel,
                ratioName: "ratioToFirstPass", ratio: parallelMbs / firstPassMbs, target: 0.7, meets: parallelMbs / firstPassMbs >= 0.7),
            durableRunOneBatchInFlight = Measure($"the same durable run with one batch in flight: no overlap, so every batch's I/O and commit latency adds up", corpus.Lines.Count, corpus.Bytes, serial,
                ratioName: "ratioToFirstPass", ratio: serialMbs / firstPassMbs),
        };
    }

    static double Mbs(long bytes, List<Sample> samples) => bytes / 1e6 / Stats.Median(samples.Select(s => s.Seconds).ToList());

    static Dictionary<string, object> Measure(string what, int items, long bytes, List<Sample> samples, string? ratioName = null, double ratio = 0, double? target = null, bool meets = false)
    {
        var seconds = Stats.Median(samples.Select(s => s.Seconds).ToList());
        var result = new Dictionary<string, object>
        {
            ["what"] = what,
            ["megabytesPerSecond"] = Stats.Round(bytes / 1e6 / seconds),
            ["docsPerSecond"] = Stats.Round(items / seconds, 0),
            ["seconds"] = Stats.Round(seconds, 3),
            ["cpuSeconds"] = Stats.Round(Stats.Median(samples.Select(s => s.CpuSeconds).ToList()), 3),
        };
        if (ratioName is not null)
        {
            result[ratioName] = Stats.Round(ratio, 3);
        }

        if (target is { } t)
        {
            result["target"] = t;
            result["meetsTarget"] = meets;
        }

        return result;
    }

    List<Sample> Repeat(Func<long> run)
    {
        // Warm up for at least two seconds: tiered compilation and dynamic PGO take several passes over the
        // MIME parser to settle, and a cold pass would measure the JIT, not the engine.
        var warmUp = Stopwatch.StartNew();
        do
        {
            run();
        }
        while (warmUp.Elapsed < TimeSpan.FromSeconds(2));
        var samples = new List<Sample>();
        for (var i = 0; i < repetitions; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sink = Time(run, out var sample);
            samples.Add(sample);
            GC.KeepAlive(sink);
        }

        return samples;
    }

    static T Time<T>(Func<T> run, out Sample sample)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = run();
        sample = new Sample(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        return result;
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

    async Task<(List<Sample> Serial, List<Sample> Parallel)> DurableAsync(CancellationToken cancellationToken)
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

            async Task<Sample> OneRun(int parallelBatches)
            {
                // A fresh dataset name per run: otherwise exact dedup against the previous run marks everything a duplicate.
                var config = pipeline with
                {
                    Dataset = $"{pipeline.Dataset}-r{round++}",
                    Batching = pipeline.Batching with { BatchSize = batchSize, MaxParallelBatches = parallelBatches },
                };
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var runId = await starter.RunIdForAsync(prefix, config, cancellationToken);
                var request = await starter.PrepareAsync(runId, prefix, config, cancellationToken);
                var report = await engine.RunOrchestrationAsync(request, cancellationToken: cancellationToken);
                var sample = new Sample(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                if (!report.AddsUp || report.Read != corpus.Lines.Count)
                {
                    throw new InvalidOperationException($"Durable run {runId} read {report.Read} of {corpus.Lines.Count} items; the benchmark is void.");
                }

                return sample;
            }

            async Task<List<Sample>> Runs(int parallelBatches)
            {
                // The same warm-up rule as the in-memory measurements: the durable path has its own code to compile.
                var warmUp = Stopwatch.StartNew();
                do
                {
                    await OneRun(parallelBatches);
                }
                while (warmUp.Elapsed < TimeSpan.FromSeconds(2));

                var samples = new List<Sample>();
                for (var i = 0; i < repetitions; i++)
                {
                    samples.Add(await OneRun(parallelBatches));
                }

                return samples;
            }

            return (await Runs(1), await Runs(Environment.ProcessorCount));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

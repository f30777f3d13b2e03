using System.Diagnostics;
using DataEngine.Core.Items;
using DataEngine.Core.Pipeline;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench models`: throughput of the model tiers, one JSON section each, every figure beside a baseline measured in the
/// same process on the same inputs. A section is a method of this class named in <see cref="Sections"/>.
/// </summary>
sealed partial class ModelBench
{
    readonly BenchCorpus _corpus;
    readonly ModelBenchOptions _options;
    readonly Dictionary<string, Func<CancellationToken, object>> _sections;

    public ModelBench(BenchCorpus corpus, ModelBenchOptions options)
    {
        _corpus = corpus;
        _options = options;
        _sections = new(StringComparer.OrdinalIgnoreCase)
        {
            ["embedder"] = Embedder,
            ["heads"] = Heads,
            ["cascade"] = Cascade,
        };
    }

    /// <summary>The sections in the order they run and print.</summary>
    public IReadOnlyCollection<string> Sections => _sections.Keys;

    public Dictionary<string, object> Run(IReadOnlyCollection<string> sections, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, object>
        {
            ["bench"] = "models",
            ["corpus"] = Path.GetFullPath(_corpus.Path),
            ["content"] = _corpus.IsMail ? "mail" : "text",
            ["items"] = _corpus.Lines.Count,
            ["runs"] = _options.Runs,
            ["statistic"] = "median",
            ["cores"] = Environment.ProcessorCount,
        };
        foreach (var section in _sections.Keys.Where(s => sections.Contains(s, StringComparer.OrdinalIgnoreCase)))
        {
            result[section] = _sections[section](cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// An evenly spaced sample of the corpus's texts, decoded by the engine's readers exactly as a run would (mail as
    /// its decoded body), so that models see what they see in a run. Items a run would quarantine are skipped.
    /// </summary>
    IReadOnlyList<string> SampleTexts(int count)
    {
        var pipeline = DefaultPipeline.For("bench");
        pipeline = pipeline with { Reader = pipeline.Reader with { Format = "jsonl", TextField = "text", Content = _corpus.IsMail ? "mail" : "text" } };
        var decoder = CompiledPipeline.Create(pipeline).DecoderFor("corpus.jsonl")!;
        var lines = _corpus.Lines;
        var step = Math.Max(1.0, (double)lines.Count / count);
        var texts = new List<string>(count);
        for (var i = 0.0; i < lines.Count && texts.Count < count; i += step)
        {
            var line = (int)i;
            if (decoder.Decode(lines[line], new ItemLocation("corpus.jsonl", line + 1)).Item?.Text is { } text)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    /// <summary>One timed run: wall-clock seconds and the process's CPU seconds (all threads).</summary>
    readonly record struct Sample(double Seconds, double CpuSeconds)
    {
        public static Sample operator +(Sample a, Sample b) => new(a.Seconds + b.Seconds, a.CpuSeconds + b.CpuSeconds);
    }

    static Sample Time(Action run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        run();
        return new Sample(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    static Dictionary<string, object> Throughput(int texts, List<Sample> samples)
    {
        var seconds = Stats.Median(samples.Select(s => s.Seconds).ToList());
        return new Dictionary<string, object>
        {
            ["textsPerSecond"] = Stats.Round(texts / seconds, 1),
            ["seconds"] = Stats.Round(seconds, 3),
            ["cpuSeconds"] = Stats.Round(Stats.Median(samples.Select(s => s.CpuSeconds).ToList()), 3),
        };
    }
}

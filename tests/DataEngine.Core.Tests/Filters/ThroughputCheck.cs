using System.Diagnostics;
using DataEngine.Core.Dedup;
using DataEngine.Core.Filters;
using Xunit.Abstractions;

namespace DataEngine.Core.Tests.Filters;

/// <summary>
/// Single-thread throughput of the first-pass filters, for a person to read: it prints speeds and asserts
/// behaviour (generated English passes), never time. 1 MB in the normal suite; for the real check on 20 MB:
/// DATAENGINE_THROUGHPUT_MB=20 dotnet test tests/DataEngine.Core.Tests -c Release --filter "Category=Throughput" --logger "console;verbosity=detailed"
/// </summary>
public class ThroughputCheck(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Throughput")]
    public void Gopher_quality_and_repetition_over_generated_english()
    {
        var megabytes = int.TryParse(Environment.GetEnvironmentVariable("DATAENGINE_THROUGHPUT_MB"), out var mb) ? mb : 1;
        var docs = EnglishTextGenerator.Documents(megabytes * 1_000_000L);
        var chars = docs.Sum(d => (long)d.Length);
        var quality = new GopherQualityFilter();
        var repetition = new GopherRepetitionFilter();
        var c4 = new C4Filter();

        var kept = 0;
        var both = Time(() =>
        {
            kept = 0;
            foreach (var text in docs)
            {
                var doc = new TextDocument(text);
                kept += quality.Apply(doc).Keep && repetition.Apply(doc).Keep ? 1 : 0;
            }
        });
        var analysis = Time(() => docs.ForEach(d => TextAnalysis.Compute(d)));
        var c4Time = Time(() => docs.ForEach(d => c4.Apply(new TextDocument(d))));
        var dedup = Time(() => docs.ForEach(d => ExactDedup.Key(d)));

        // The generated text is ASCII, so characters are UTF-8 bytes.
        double Rate(TimeSpan t) => chars / 1e6 / t.TotalSeconds;
        output.WriteLine($"{docs.Count} docs, {chars / 1e6:0.0} MB, {kept} kept; MB/s on one thread, after a warm-up round:");
        output.WriteLine($"  gopher quality + repetition (with the shared analysis): {Rate(both):0.0}");
        output.WriteLine($"  analysis alone: {Rate(analysis):0.0}");
        output.WriteLine($"  c4: {Rate(c4Time):0.0}");
        output.WriteLine($"  exact dedup key: {Rate(dedup):0.0}");
        Assert.True(kept >= docs.Count * 0.99, $"only {kept} of {docs.Count} generated English documents passed");
    }

    /// <summary>Runs twice and times the second run, so the JIT has optimised the code being timed.</summary>
    private static TimeSpan Time(Action action)
    {
        action();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}

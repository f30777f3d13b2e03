using System.Diagnostics;
using System.IO.Compression;
using DataEngine.Core.Items;
using DataEngine.Core.Readers;
using Xunit.Abstractions;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

/// <summary>
/// A real mail corpus read in mail mode: the full development corpus when shared/data sits beside the repository
/// (as in CI), else the repository's own 300-message sample, so the test checks real mail either way.
/// Prints the decode speed; run by hand with
/// <c>dotnet test tests/DataEngine.Core.Tests -c Release --filter "FullyQualifiedName~MailCorpus" --logger "console;verbosity=detailed"</c>.
/// </summary>
public class MailCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void A_real_mail_corpus_decodes_in_mail_mode_with_few_quarantines()
    {
        var full = Path.GetFullPath(Path.Combine(SamplesDirectory(), "..", "..", "shared", "data", "spamassassin-dev.jsonl.gz"));
        var corpus = File.Exists(full) ? full : Path.Combine(SamplesDirectory(), "mail", "spamassassin-sample.jsonl");
        output.WriteLine($"corpus: {corpus}");

        var lines = ReadLines(corpus);
        var decoder = new JsonlDecoder("text", JsonlContent.Mail);
        var bytes = lines.Sum(l => (long)l.Length);

        var cold = Stopwatch.StartNew();
        var (items, reasons) = DecodeAll(decoder, lines);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        DecodeAll(decoder, lines);
        warm.Stop();

        output.WriteLine($"{lines.Count} messages, {bytes / 1e6:F1} MB: first pass {bytes / 1e6 / cold.Elapsed.TotalSeconds:F1} MB/s (JIT included), second pass {bytes / 1e6 / warm.Elapsed.TotalSeconds:F1} MB/s");
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"  quarantined {count}: {reason}");
        }

        Assert.Equal(corpus == full ? 2796 : 300, lines.Count);
        Assert.True(items.Count >= lines.Count * 0.99, $"only {items.Count} of {lines.Count} messages decoded");
        Assert.DoesNotContain(items, i => i.Text.StartsWith(FirstMessageLine(lines[(int)i.Location.Position - 1]), StringComparison.Ordinal));
        Assert.All(items, i => Assert.True(i.Metadata.ContainsKey("label")));
    }

    private static (List<Item> Items, Dictionary<string, int> Reasons) DecodeAll(JsonlDecoder decoder, List<ReadOnlyMemory<byte>> lines)
    {
        var items = new List<Item>(lines.Count);
        var reasons = new Dictionary<string, int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var outcome = decoder.Decode(lines[i], new ItemLocation("spamassassin-dev.jsonl", i + 1));
            if (outcome.Item is { } item)
            {
                items.Add(item);
            }
            else
            {
                var reason = outcome.Error!.Split(" (")[0];
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        return (items, reasons);
    }

    private static List<ReadOnlyMemory<byte>> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        ReadOnlyMemory<byte> rest = buffer.ToArray();
        var lines = new List<ReadOnlyMemory<byte>>();
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            lines.Add(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
        }

        return lines;
    }
}

using System.IO.Compression;
using System.Text.Json;

namespace DataEngine.Cli.Bench;

/// <summary>A benchmark corpus in memory: JSONL or JSONL.gz lines with `text` (and `label`), kept as raw line bytes.</summary>
sealed class BenchCorpus
{
    /// <summary>Where benchmarks look when no corpus is named: the shared dev corpus beside the repository.</summary>
    public const string DefaultPath = "../shared/data/spamassassin-dev.jsonl.gz";

    BenchCorpus(string path, List<byte[]> lines, bool isMail)
    {
        Path = path;
        Lines = lines;
        IsMail = isMail;
        Bytes = lines.Sum(l => (long)l.Length);
    }

    public string Path { get; }

    public IReadOnlyList<byte[]> Lines { get; }

    public long Bytes { get; }

    /// <summary>True when the `text` fields hold raw RFC 822 messages (read with the e-mail reader).</summary>
    public bool IsMail { get; }

    public static BenchCorpus Load(string path, string content)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Benchmark corpus '{System.IO.Path.GetFullPath(path)}' not found. Pass a JSONL or JSONL.gz file with `text` and `label` fields, " +
                $"or run from the repository root with ../shared/data beside it (the default is {DefaultPath}).", path);
        }

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var lines = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(System.Text.Encoding.UTF8.GetBytes(line));
            }
        }

        if (lines.Count == 0)
        {
            throw new InvalidDataException($"Benchmark corpus '{path}' has no lines.");
        }

        var isMail = content switch
        {
            "mail" => true,
            "text" => false,
            _ => LooksLikeMail(lines),
        };
        return new BenchCorpus(path, lines, isMail);
    }

    /// <summary>Mail when most of the first lines' texts open with an RFC 822 header ("Name: value" or an mbox "From " line).</summary>
    static bool LooksLikeMail(List<byte[]> lines)
    {
        var sample = lines.Take(20).ToList();
        var mail = sample.Count(line =>
        {
            using var doc = JsonDocument.Parse(line);
            if (!doc.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var first = (text.GetString() ?? "").TrimStart().Split('\n', 2)[0];
            var colon = first.IndexOf(':');
            return first.StartsWith("From ", StringComparison.Ordinal)
                || (colon > 0 && first[..colon].All(c => c is > ' ' and < (char)127 && c != ':'));
        });
        return mail * 2 > sample.Count;
    }
}

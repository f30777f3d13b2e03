using System.Runtime.CompilerServices;
using System.Text;
using DataEngine.Core.Items;
using DataEngine.Core.Readers;

namespace DataEngine.Core.Tests.Readers;

/// <summary>Small helpers shared by the reader tests.</summary>
internal static class ReaderTestData
{
    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ReadOnlyMemory<byte> Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static ItemLocation At(string source, long position = 0) => new(source, position);

    public static Item AssertItem(ReadOutcome outcome)
    {
        Assert.True(outcome.IsItem, $"expected an item, got quarantine: {outcome.Error}");
        return outcome.Item!;
    }

    public static string AssertQuarantined(ReadOutcome outcome)
    {
        Assert.False(outcome.IsItem, "expected a quarantine, got an item");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
        return outcome.Error!;
    }

    /// <summary>The repository's samples/ folder, found from the test binaries, the working directory or this source file.</summary>
    public static string SamplesDirectory([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples");
                if (File.Exists(Path.Combine(candidate, "mail", "spamassassin-sample.jsonl")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("samples/ not found above the test binaries, the working directory or the test sources");
    }

    /// <summary>The first line of the raw message in a JSONL mail record: text that starts with it still holds the headers.</summary>
    public static string FirstMessageLine(ReadOnlyMemory<byte> jsonLine)
    {
        using var record = System.Text.Json.JsonDocument.Parse(jsonLine);
        return record.RootElement.GetProperty("text").GetString()!.Split('\n')[0].TrimEnd('\r');
    }

    public static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

using System.IO.Compression;
using System.Text;
using DataEngine.Core.Items;

namespace DataEngine.Workflows.Tests;

public sealed class CompressedInputTests
{
    [Fact]
    public async Task A_gzip_compressed_jsonl_is_read_line_by_line_and_its_items_keep_the_compressed_files_name()
    {
        using var temp = new TempFolder();
        // Two gzip members one after the other, as `cat a.gz b.gz` makes: one file of 7 lines.
        temp.Write("in/part-1.jsonl.gz", [.. Gzip(WorkflowTestHost.Lines(0, 4)), .. Gzip(WorkflowTestHost.Lines(4, 3))]);
        temp.Write("in/part-2.jsonl", WorkflowTestHost.Lines(7, 3));
        temp.Write("in/notes.txt.GZ", Gzip("The harbour master walked along the quay every morning and counted the boats."));

        var (engine, _) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;
        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("gzip", batchSize: 3));

        Assert.True(outcome.Report.AddsUp);
        Assert.Equal(11, outcome.Report.Read);
        Assert.Equal(11, outcome.Report.Accepted);
        var curated = await WorkflowTestHost.CuratedAsync(outcome);
        var numbers = curated.Where(r => r.GetProperty("source").GetString()!.EndsWith("part-1.jsonl.gz", StringComparison.Ordinal))
            .Select(r => r.GetProperty("metadata").GetProperty("n").GetString()).Order().ToList();
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], numbers);
        var note = Assert.Single(curated, r => r.GetProperty("source").GetString()!.EndsWith("notes.txt.GZ", StringComparison.Ordinal));
        Assert.StartsWith("The harbour master", note.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_gz_file_that_does_not_decompress_is_quarantined_with_its_reason_and_the_run_goes_on()
    {
        using var temp = new TempFolder();
        temp.Write("in/good.jsonl", WorkflowTestHost.Lines(0, 4));
        temp.Write("in/not-gzip.jsonl.gz", Encoding.UTF8.GetBytes(WorkflowTestHost.Lines(4, 2)));
        temp.Write("in/unknown.bin.gz", Gzip("bytes of a kind no reader knows"));
        var whole = Gzip(WorkflowTestHost.Lines(6, 40));
        temp.Write("in/truncated.jsonl.gz", whole[..(whole.Length / 2)]);

        var (engine, _) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;
        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("gzip-bad", batchSize: 3));

        Assert.True(outcome.Report.AddsUp);
        Assert.Equal(7, outcome.Report.Read);
        Assert.Equal(4, outcome.Report.Accepted);
        var quarantined = (await engine.Records.ListItemsAsync(outcome.RunId, ItemState.Quarantined).ToListAsync())
            .ToDictionary(i => Path.GetFileName(i.Source), i => i.Reason ?? "");
        Assert.Equal(3, quarantined.Count);
        Assert.Contains("not a readable gzip file", quarantined["truncated.jsonl.gz"]);
        Assert.Contains("not a readable gzip file", quarantined["not-gzip.jsonl.gz"]);
        Assert.Contains("not-gzip.jsonl.gz", quarantined["not-gzip.jsonl.gz"]);
        Assert.Contains("no reader for extension '.bin' inside the .gz", quarantined["unknown.bin.gz"]);
    }

    static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}

using System.Text;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Workflows.Tests;

public sealed class BadInputTests
{
    const string Prose = "The harbour master walked along the quay every morning and counted the boats that had come in overnight.";

    [Fact]
    public async Task Each_kind_of_bad_input_is_quarantined_with_a_clear_reason_while_the_rest_of_the_run_completes()
    {
        using var temp = new TempFolder();

        // Good items, with two bad lines among them: invalid UTF-8 and a JSON line cut off mid-way.
        var good = new MemoryStream();
        good.Write(Encoding.UTF8.GetBytes(WorkflowTestHost.Lines(0, 5)));
        good.Write([.. "{\"text\": \"caf"u8, 0xC3, 0x28, .. " au lait and a long afternoon by the river\"}\n"u8]);
        good.Write("{\"text\": \"This line was cut off in the mid"u8);
        good.Write("\n"u8);
        good.Write(Encoding.UTF8.GetBytes(WorkflowTestHost.Lines(5, 5)));
        temp.Write("in/good.jsonl", good.ToArray());
        temp.Write("in/notes.txt", Prose);

        temp.Write("in/empty.txt", "");
        temp.Write("in/huge.jsonl", Encoding.UTF8.GetBytes(WorkflowTestHost.Line(new string('a', 50 << 20))));
        temp.Write("in/junk.txt", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        temp.Write("in/junk.bin", [0x00, 0x01, 0x02, 0xFF]);
        temp.Write("in/broken.eml", "From: a@example.org\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"never-seen\"\r\n\r\nno boundary follows, so there are no parts\r\n");
        temp.Write("in/vanishing.txt", Prose + " It will not be there when the filter looks for it.");

        var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;

        // The file is listed and planned, then deleted before the filter reads it.
        faults.BeforeRead = async blob =>
        {
            if (blob.Name.EndsWith("/vanishing.txt", StringComparison.Ordinal))
            {
                await engine.Blobs.DeleteAsync(blob);
            }
        };

        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("bad-input", batchSize: 4, maxItemBytes: 16L << 20));

        var report = outcome.Report;
        Assert.True(report.AddsUp);
        Assert.Equal(19, report.Read); // 12 lines of good.jsonl + notes, empty, huge, junk.txt, junk.bin, broken, vanishing
        Assert.Equal(11, report.Accepted); // 10 good lines + notes.txt
        var quarantined = (await engine.Records.ListItemsAsync(outcome.RunId, ItemState.Quarantined).ToListAsync())
            .ToDictionary(i => $"{Path.GetFileName(i.Source)}{(i.Position > 0 ? $":{i.Position}" : "")}", i => i.Reason ?? "");

        Assert.Equal(8, quarantined.Count);
        Assert.Equal(8, report.Quarantined);
        Assert.Contains("invalid UTF-8", quarantined["good.jsonl:6"]);
        Assert.Contains("malformed JSON", quarantined["good.jsonl:7"]);
        Assert.Contains("empty", quarantined["empty.txt"]);
        Assert.Contains("item too large", quarantined["huge.jsonl:1"]);
        Assert.Contains("max_item_bytes", quarantined["huge.jsonl:1"]);
        Assert.Matches("binary content|invalid UTF-8", quarantined["junk.txt"]);
        Assert.Contains("no reader for extension '.bin'", quarantined["junk.bin"]);
        Assert.Contains("MIME", quarantined["broken.eml"]);
        Assert.Contains("vanished", quarantined["vanishing.txt"]);
    }
}

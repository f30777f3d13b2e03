using System.Text;
using DataEngine.Core.Items;
using DataEngine.Core.Readers;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

/// <summary>The repository's own samples read cleanly: the quickstart and later tests rely on them.</summary>
public class SampleFilesTests
{
    [Fact]
    public void The_mail_sample_decodes_into_messages_with_labels_and_senders_and_without_their_headers_in_the_text()
    {
        var path = Path.Combine(SamplesDirectory(), "mail", "spamassassin-sample.jsonl");
        var decoder = new DecoderRegistry(new ReaderOptions(Content: JsonlContent.Mail)).ForSource(path)!;
        ReadOnlyMemory<byte> lines = File.ReadAllBytes(path);

        var items = new List<Item>();
        var quarantined = 0;
        var number = 0;
        while (!lines.IsEmpty)
        {
            var end = lines.Span.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            lines = end < 0 ? ReadOnlyMemory<byte>.Empty : lines[(end + 1)..];
            var outcome = decoder.Decode(line, new ItemLocation("samples/mail/spamassassin-sample.jsonl", ++number));
            if (outcome.Item is { } item)
            {
                items.Add(item);
                Assert.False(item.Text.StartsWith(FirstMessageLine(line), StringComparison.Ordinal), $"line {number}: the text still starts with the message's headers");
            }
            else
            {
                quarantined++;
            }
        }

        Assert.Equal(300, number);
        Assert.True(items.Count >= 295, $"only {items.Count} of 300 sample messages decoded");
        Assert.Equal(300, items.Count + quarantined);
        Assert.Equal(150, items.Count(i => i.Metadata["label"] == "ham"));
        Assert.All(items, i => Assert.True(i.Metadata.ContainsKey("subject") || i.Metadata.ContainsKey("from")));
        Assert.DoesNotContain(items, i => i.Text.TrimStart().StartsWith("<html", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Every_sample_document_reads_as_prose_of_at_least_150_words()
    {
        var registry = new DecoderRegistry(new ReaderOptions());
        var files = Directory.GetFiles(Path.Combine(SamplesDirectory(), "docs")).Order().ToArray();

        Assert.Equal(3, files.Count(f => f.EndsWith(".txt")));
        Assert.Equal(2, files.Count(f => f.EndsWith(".md")));
        Assert.Equal(2, files.Count(f => f.EndsWith(".html")));
        Assert.Equal(3, files.Count(f => f.EndsWith(".eml")));
        foreach (var file in files)
        {
            var decoder = registry.ForSource(file);
            Assert.NotNull(decoder);
            var item = AssertItem(decoder.Decode(File.ReadAllBytes(file), new ItemLocation(Path.GetFileName(file), 0)));
            Assert.True(WordCount(item.Text) >= 150, $"{Path.GetFileName(file)}: {WordCount(item.Text)} words");
        }
    }

    [Theory]
    [InlineData("river-otters.html", "The Quiet Return of the River Otter", "Subscribe today", "Advertise with us")]
    [InlineData("sourdough-at-altitude.html", "Baking Sourdough in the Mountains", "Sign in", "Popular posts")]
    public void Sample_pages_lose_their_navigation_and_footer(string name, string title, string nav, string footer)
    {
        var file = Path.Combine(SamplesDirectory(), "docs", name);

        var item = AssertItem(new HtmlDecoder().Decode(File.ReadAllBytes(file), new ItemLocation(name, 0)));

        Assert.Equal("article", item.Metadata[HtmlDecoder.ExtractionKey]);
        Assert.Contains(title, item.Metadata["title"]);
        Assert.DoesNotContain(nav, item.Text);
        Assert.DoesNotContain(footer, item.Text);
        Assert.DoesNotContain("cookie", item.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sample_mails_read_their_text_not_their_markup_or_encoding()
    {
        var docs = Path.Combine(SamplesDirectory(), "docs");
        var decoder = new MailDecoder();
        string Read(string name) => AssertItem(decoder.Decode(File.ReadAllBytes(Path.Combine(docs, name)), new ItemLocation(name, 0))).Text;

        var coast = Read("coast-path-quoted-printable.eml");
        Assert.Contains("The first day was the hardest", coast);
        Assert.Contains("little café above the beach", coast);
        Assert.DoesNotContain("=C3", coast);

        var library = Read("library-newsletter-html-only.eml");
        Assert.Contains("half past eight instead of ten o'clock", library);
        Assert.DoesNotContain("font-family", library);
        Assert.DoesNotContain("<p>", library);

        var garden = Read("garden-meeting-multipart.eml");
        Assert.Contains("Thank you to all who came to the meeting on Tuesday evening.", garden);
        Assert.DoesNotContain("<b>", garden);
        Assert.DoesNotContain("\r", garden);
        Assert.Equal(Encoding.UTF8.GetByteCount(garden), garden.Length);
    }
}

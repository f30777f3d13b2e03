using DataEngine.Core.Readers;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

public class PlainTextDecoderTests
{
    private static readonly PlainTextDecoder s_decoder = new();

    [Fact]
    public void Reads_the_whole_file_as_one_item_without_its_byte_order_mark()
    {
        var file = Bytes([0xEF, 0xBB, 0xBF], Utf8("# Notes\r\n\r\nA café on the corner.\r\n").ToArray());
        var location = At("docs/notes.md");

        var item = AssertItem(s_decoder.Decode(file, location));

        Assert.Equal("# Notes\n\nA café on the corner.\n", item.Text);
        Assert.Equal(location.ToItemId(), item.Id);
        Assert.Empty(item.Metadata);
    }

    [Fact]
    public void Invalid_utf8_is_quarantined_with_the_offset_of_the_bad_byte_in_the_file()
    {
        var file = Bytes([0xEF, 0xBB, 0xBF], Utf8("Hello ").ToArray(), [0xC3, 0x28], Utf8(" world").ToArray());

        Assert.Equal("invalid UTF-8 at byte 9", AssertQuarantined(s_decoder.Decode(file, At("a.txt"))));
    }

    [Fact]
    public void Latin1_text_is_not_guessed_at_but_quarantined()
    {
        var file = Bytes(Utf8("Fa").ToArray(), [0xE7], Utf8("ade").ToArray());

        Assert.Equal("invalid UTF-8 at byte 2", AssertQuarantined(s_decoder.Decode(file, At("a.txt"))));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0A, 0x0D, 0x0A, 0x09 })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    public void An_empty_or_blank_file_is_quarantined(byte[] file)
    {
        Assert.Equal("empty item", AssertQuarantined(s_decoder.Decode(file, At("a.txt"))));
    }

    [Fact]
    public void Binary_junk_is_quarantined_with_its_share_of_control_bytes()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);

        var error = AssertQuarantined(s_decoder.Decode(junk, At("photo.txt")));

        Assert.Matches(@"^binary content: 1[0-5]% control bytes$", error);
    }

    [Fact]
    public void A_few_stray_control_characters_do_not_make_text_binary()
    {
        var text = string.Concat(Enumerable.Repeat("An ordinary sentence of text. ", 20)) + "\u0007\u0008";

        Assert.True(s_decoder.Decode(Utf8(text), At("a.txt")).IsItem);
    }

    [Fact]
    public void Utf16_text_is_quarantined_with_a_reason_that_says_so()
    {
        var file = Bytes([0xFF, 0xFE], System.Text.Encoding.Unicode.GetBytes("Hello"));

        Assert.StartsWith("UTF-16 text", AssertQuarantined(s_decoder.Decode(file, At("a.txt"))));
    }
}

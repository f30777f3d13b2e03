using System.Text.Json;
using DataEngine.Core.Readers;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

public class JsonlDecoderTests
{
    private static readonly JsonlDecoder s_text = new();
    private static readonly JsonlDecoder s_mail = new("text", JsonlContent.Mail);

    [Fact]
    public void Text_mode_reads_the_text_field_and_keeps_every_other_field_as_metadata()
    {
        var line = Utf8("""{"id":"a1","text":"First line.\nSecond line \u00e9.","label":"ham","score":0.5,"tags":["x","y"],"meta":{"k":1},"ok":true,"none":null}""");
        var location = At("data/corpus.jsonl", 7);

        var item = AssertItem(s_text.Decode(line, location));

        Assert.Equal("First line.\nSecond line é.", item.Text);
        Assert.Equal(location, item.Location);
        Assert.Equal(location.ToItemId(), item.Id);
        Assert.Equal("a1", item.Metadata["id"]);
        Assert.Equal("ham", item.Metadata["label"]);
        Assert.Equal("0.5", item.Metadata["score"]);
        Assert.Equal("""["x","y"]""", item.Metadata["tags"]);
        Assert.Equal("""{"k":1}""", item.Metadata["meta"]);
        Assert.Equal("true", item.Metadata["ok"]);
        Assert.Equal("null", item.Metadata["none"]);
        Assert.False(item.Metadata.ContainsKey("text"));
    }

    [Fact]
    public void A_configured_text_field_is_read_and_the_default_one_becomes_metadata()
    {
        var decoder = new JsonlDecoder("body");

        var item = AssertItem(decoder.Decode(Utf8("""{"body":"The body.","text":"not this"}"""), At("a.jsonl", 1)));

        Assert.Equal("The body.", item.Text);
        Assert.Equal("not this", item.Metadata["text"]);
    }

    [Fact]
    public void A_trailing_carriage_return_and_a_leading_byte_order_mark_are_tolerated()
    {
        var line = Bytes([0xEF, 0xBB, 0xBF], Utf8("""{"text":"Windows line"}""" + "\r").ToArray());

        var item = AssertItem(s_text.Decode(line, At("a.jsonl", 1)));

        Assert.Equal("Windows line", item.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r")]
    public void A_blank_line_is_quarantined(string line)
    {
        Assert.Equal("empty line", AssertQuarantined(s_text.Decode(Utf8(line), At("a.jsonl", 3))));
    }

    [Fact]
    public void A_truncated_line_is_quarantined_as_malformed_json()
    {
        var error = AssertQuarantined(s_text.Decode(Utf8("""{"id":"a1","text":"cut off in the mid"""), At("a.jsonl", 2)));

        Assert.StartsWith("malformed JSON: ", error);
    }

    [Fact]
    public void Text_after_the_object_is_malformed_json()
    {
        var error = AssertQuarantined(s_text.Decode(Utf8("""{"text":"ok"} {"text":"second"}"""), At("a.jsonl", 2)));

        Assert.StartsWith("malformed JSON: ", error);
    }

    [Fact]
    public void A_missing_text_field_is_named()
    {
        Assert.Equal("field 'text' is missing", AssertQuarantined(s_text.Decode(Utf8("""{"id":"a1","body":"x"}"""), At("a.jsonl", 1))));
    }

    [Theory]
    [InlineData("""{"text":42}""", "field 'text' is not a string (Number)")]
    [InlineData("""{"text":{"a":"b"}}""", "field 'text' is not a string (Object)")]
    [InlineData("""{"text":null}""", "field 'text' is not a string (Null)")]
    [InlineData("""{"text":["a"]}""", "field 'text' is not a string (Array)")]
    [InlineData("""{"text":false}""", "field 'text' is not a string (Boolean)")]
    [InlineData("""{"text":"  "}""", "field 'text' is empty")]
    [InlineData("""["text"]""", "not a JSON object (Array)")]
    public void A_text_field_of_the_wrong_kind_is_named(string line, string reason)
    {
        Assert.Equal(reason, AssertQuarantined(s_text.Decode(Utf8(line), At("a.jsonl", 1))));
    }

    [Fact]
    public void Invalid_utf8_is_quarantined_with_its_byte_offset()
    {
        var line = Bytes(Utf8("""{"text":"caf""").ToArray(), [0xE9], Utf8("\"}").ToArray());

        Assert.Equal("invalid UTF-8 at byte 12", AssertQuarantined(s_text.Decode(line, At("a.jsonl", 1))));
    }

    [Fact]
    public void Mail_mode_turns_headers_into_metadata_and_the_decoded_body_into_text()
    {
        const string message = """
            Return-Path: <bounce@lists.example.org>
            Received: from mx.example.org by mail.example.com; Tue, 3 Sep 2002 10:00:00 +0100
            From: "Ann Lee" <ann@example.org>
            To: list@example.org
            Subject: =?iso-8859-1?q?Caf=E9_meeting?=
            Date: Tue, 3 Sep 2002 09:58:00 +0100
            Message-ID: <abc123@example.org>
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            See you at the caf=E9 at ten; the agenda is long, so please be on ti=
            me.
            """;
        var line = Utf8(JsonSerializer.Serialize(new { id = "easy-ham/1", text = message, label = "ham" }));

        var item = AssertItem(s_mail.Decode(line, At("mail.jsonl", 1)));

        Assert.Equal("See you at the café at ten; the agenda is long, so please be on time.", item.Text);
        Assert.Equal("Café meeting", item.Metadata["subject"]);
        Assert.Equal("\"Ann Lee\" <ann@example.org>", item.Metadata["from"]);
        Assert.Equal("list@example.org", item.Metadata["to"]);
        Assert.Equal("abc123@example.org", item.Metadata["message-id"]);
        Assert.Equal("2002-09-03T09:58:00.0000000+01:00", item.Metadata["date"]);
        Assert.Equal("easy-ham/1", item.Metadata["id"]);
        Assert.Equal("ham", item.Metadata["label"]);
        Assert.DoesNotContain("Received", item.Text);
        Assert.False(item.Metadata.ContainsKey("received"));
    }

    [Fact]
    public void Mail_mode_keeps_a_json_field_when_a_header_has_the_same_name()
    {
        var line = Utf8(JsonSerializer.Serialize(new { subject = "from the record", text = "Subject: from the header\n\nBody text here.\n" }));

        var item = AssertItem(s_mail.Decode(line, At("mail.jsonl", 1)));

        Assert.Equal("from the record", item.Metadata["subject"]);
        Assert.Equal("Body text here.", item.Text);
    }

    [Fact]
    public void Mail_mode_quarantines_a_field_that_is_not_a_message()
    {
        var line = Utf8(JsonSerializer.Serialize(new { text = "Just a sentence of prose.\nAnd another one.\n" }));

        Assert.Equal("not an RFC 822 message: no header block", AssertQuarantined(s_mail.Decode(line, At("mail.jsonl", 1))));
    }

    [Fact]
    public void Mail_mode_quarantines_a_message_with_headers_but_no_body()
    {
        // No escapes in the field: the message is read in place from the line, not copied.
        var error = AssertQuarantined(s_mail.Decode(Utf8("""{"text":"Subject: only a header"}"""), At("mail.jsonl", 1)));

        Assert.Equal("message text is empty", error);
    }

    [Fact]
    public void Mail_mode_reads_unencoded_8bit_text_as_the_unicode_the_json_holds()
    {
        // The JSON writer already decoded the message's Latin-1 bytes; re-reading them as Latin-1 would give "cafÃ©".
        const string message = "Subject: Menu\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nCafé crème, 3 €.\n";
        var line = Utf8(JsonSerializer.Serialize(new { text = message }));

        Assert.Equal("Café crème, 3 €.", AssertItem(s_mail.Decode(line, At("mail.jsonl", 1))).Text);
    }
}

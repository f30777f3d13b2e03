using System.Text;
using DataEngine.Core.Readers;
using static DataEngine.Core.Tests.Readers.ReaderTestData;

namespace DataEngine.Core.Tests.Readers;

public class MailDecoderTests
{
    private static readonly MailDecoder s_decoder = new();

    [Fact]
    public void Multipart_alternative_gives_the_plain_text_part_and_headers_as_metadata()
    {
        const string eml = """
            Received: from relay.example.org by mx.example.com
            From: Helen Marsh <helen@example.org>
            To: Gardeners <garden@example.org>
            Cc: sarah@example.org
            Subject: Work day on Saturday
            Date: Wed, 12 Jun 2024 08:15:02 +0100
            Message-ID: <m1@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            Bring gloves and a spade.
            --b1
            Content-Type: text/html; charset=utf-8

            <p>HTML version <b>only</b></p>
            --b1--
            """;

        var item = AssertItem(s_decoder.Decode(Utf8(eml), At("mail/work-day.eml")));

        Assert.Equal("Bring gloves and a spade.", item.Text);
        Assert.Equal("Work day on Saturday", item.Metadata["subject"]);
        Assert.Equal("\"Helen Marsh\" <helen@example.org>", item.Metadata["from"]);
        Assert.Equal("\"Gardeners\" <garden@example.org>", item.Metadata["to"]);
        Assert.Equal("sarah@example.org", item.Metadata["cc"]);
        Assert.Equal("m1@example.org", item.Metadata["message-id"]);
        Assert.Equal("2024-06-12T08:15:02.0000000+01:00", item.Metadata["date"]);
        Assert.False(item.Metadata.ContainsKey("received"));
        Assert.False(item.Metadata.ContainsKey("content-type"));
    }

    [Fact]
    public void An_html_only_message_is_converted_to_text()
    {
        const string eml = """
            From: news@example.org
            Subject: Newsletter
            Content-Type: text/html; charset=utf-8

            <html><head><style>.x { color: red }</style></head><body>
            <h1>Opening hours</h1><p>We open at 8:30 &amp; close at 18:00.</p><p>See you soon.</p>
            </body></html>
            """;

        var item = AssertItem(s_decoder.Decode(Utf8(eml), At("news.eml")));

        Assert.Equal("Opening hours\n\nWe open at 8:30 & close at 18:00.\n\nSee you soon.", item.Text);
    }

    [Fact]
    public void A_blank_plain_alternative_falls_back_to_the_html_one()
    {
        const string eml = """
            From: a@example.org
            Subject: Offer
            Content-Type: multipart/alternative; boundary="zz"

            --zz
            Content-Type: text/plain

              

            --zz
            Content-Type: text/html

            <p>The real message.</p>
            --zz--
            """;

        Assert.Equal("The real message.", AssertItem(s_decoder.Decode(Utf8(eml), At("a.eml"))).Text);
    }

    [Fact]
    public void Quoted_printable_and_a_declared_charset_are_decoded_from_the_raw_bytes()
    {
        const string head = """
            From: Clara <clara@example.net>
            Subject: =?utf-8?q?Back_from_the_coast_=E2=80=93_photos?=
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: 8bit


            """;
        var latin1 = Bytes(Utf8(head).ToArray(), Encoding.Latin1.GetBytes("We ate at a caf\u00e9 above the beach."));

        var item = AssertItem(s_decoder.Decode(latin1, At("a.eml")));

        Assert.Equal("We ate at a café above the beach.", item.Text);
        Assert.Equal("Back from the coast – photos", item.Metadata["subject"]);

        const string qp = """
            From: Clara <clara@example.net>
            Subject: Walk
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            The first day was the hardest: twenty-two kilometres from the harbour to the light=
            house, and fish stew at a little caf=C3=A9 =E2=80=94 delicious.
            """;

        var decoded = AssertItem(s_decoder.Decode(Utf8(qp), At("b.eml"))).Text;

        Assert.Equal("The first day was the hardest: twenty-two kilometres from the harbour to the lighthouse, and fish stew at a little café — delicious.", decoded);
    }

    [Fact]
    public void Attachments_are_ignored()
    {
        const string eml = """
            From: a@example.org
            Subject: Report
            Content-Type: multipart/mixed; boundary="mix"

            --mix
            Content-Type: text/plain

            The report is attached.
            --mix
            Content-Type: text/plain; name="report.txt"
            Content-Disposition: attachment; filename="report.txt"
            Content-Transfer-Encoding: base64

            U0VDUkVUIEFUVEFDSE1FTlQgVEVYVA==
            --mix
            Content-Type: image/png; name="chart.png"
            Content-Disposition: attachment; filename="chart.png"
            Content-Transfer-Encoding: base64

            iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
            --mix--
            """;

        Assert.Equal("The report is attached.", AssertItem(s_decoder.Decode(Utf8(eml), At("a.eml"))).Text);
    }

    [Fact]
    public void A_multipart_body_whose_boundary_never_appears_is_broken_mime()
    {
        const string eml = """
            From: a@example.org
            Subject: Broken
            Content-Type: multipart/mixed; boundary="=Boundary 0731"

            --= Boundary 0731
            Content-Type: text/plain

            The delimiter above does not match the declared boundary.
            """;

        Assert.Equal(
            "broken MIME: multipart/mixed body has no parts (boundary \"=Boundary 0731\" never found)",
            AssertQuarantined(s_decoder.Decode(Utf8(eml), At("a.eml"))));
    }

    [Fact]
    public void A_message_with_only_an_image_has_no_text_part()
    {
        const string eml = """
            From: a@example.org
            Subject: Photo
            Content-Type: image/png
            Content-Transfer-Encoding: base64

            iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
            """;

        Assert.Equal("MIME message has no text/plain or text/html part", AssertQuarantined(s_decoder.Decode(Utf8(eml), At("a.eml"))));
    }

    [Fact]
    public void Prose_without_a_header_block_is_not_a_message()
    {
        Assert.Equal(
            "not an RFC 822 message: no header block",
            AssertQuarantined(s_decoder.Decode(Utf8("Dear Anna,\nWe are back from the coast.\n"), At("letter.eml"))));
    }

    [Fact]
    public void Empty_input_and_binary_junk_are_quarantined()
    {
        var junk = new byte[2048];
        new Random(5).NextBytes(junk);

        Assert.Equal("empty item", AssertQuarantined(s_decoder.Decode(ReadOnlyMemory<byte>.Empty, At("a.eml"))));
        Assert.StartsWith("binary content: ", AssertQuarantined(s_decoder.Decode(junk, At("a.eml"))));
    }

    [Fact]
    public void A_message_whose_text_part_is_blank_says_so()
    {
        Assert.Equal("message text is empty", AssertQuarantined(s_decoder.Decode(Utf8("Subject: hi\n\n   \n"), At("a.eml"))));
    }

    [Fact]
    public void Legacy_charsets_are_decoded()
    {
        var koi8 = Bytes(Utf8("From: a@example.ru\nSubject: Hi\nContent-Type: text/plain; charset=koi8-r\n\n").ToArray(), [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]);

        Assert.Equal("Привет", AssertItem(s_decoder.Decode(koi8, At("a.eml"))).Text);
    }

    [Fact]
    public void A_plain_part_that_is_really_an_html_page_is_converted()
    {
        const string eml = """
            From: offers@example.com
            Subject: Offer

            <HTML><BODY><FONT size=3><B>Lowest rates</B></FONT><BR>Call&nbsp;today!</BODY></HTML>
            """;

        Assert.Equal("Lowest rates\nCall today!", AssertItem(s_decoder.Decode(Utf8(eml), At("a.eml"))).Text);
    }
}

using DataEngine.Core.Dedup;

namespace DataEngine.Core.Tests.Dedup;

public class ExactDedupTests
{
    [Fact]
    public void Key_is_32_lowercase_hex_characters()
    {
        var key = ExactDedup.Key("Hello, world!");

        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("  HELLO\t\tworld \r\n", "hello world")]
    [InlineData("hello — world...", "hello world")]
    [InlineData("«Hello» \u00A0 “world”", "hello world")]
    [InlineData("hel\u00ADlo\u200B world", "hello world")]
    public void Case_punctuation_and_whitespace_variants_share_a_key(string variant, string normalised)
    {
        Assert.Equal(normalised, ExactDedup.Normalize(variant));
        Assert.Equal(ExactDedup.Key("hello world"), ExactDedup.Key(variant));
    }

    [Fact]
    public void Unicode_letters_are_lower_cased_and_kept()
    {
        Assert.Equal("ÉCOLE d'été".ToLowerInvariant().Replace("'", ""), ExactDedup.Normalize("ÉCOLE, d'été!"));
        Assert.Equal(ExactDedup.Key("Straße Ölmühle"), ExactDedup.Key("STRAßE ölmühle"));
    }

    [Theory]
    [InlineData("hello world", "hello word")]
    [InlineData("hello world", "world hello")]
    [InlineData("hello world", "hello world 2")]
    [InlineData("e mail", "email")]
    [InlineData("price 100", "price 1000")]
    public void Different_texts_get_different_keys(string a, string b)
    {
        Assert.NotEqual(ExactDedup.Key(a), ExactDedup.Key(b));
    }

    [Fact]
    public void Key_is_stable_across_calls_and_threads()
    {
        var expected = ExactDedup.Key("The same text.");

        var keys = Enumerable.Range(0, 200).AsParallel().Select(_ => ExactDedup.Key("the SAME text")).Distinct().ToArray();

        Assert.Equal([expected], keys);
    }
}

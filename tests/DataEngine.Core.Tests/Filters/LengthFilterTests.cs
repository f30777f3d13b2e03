using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

public class LengthFilterTests
{
    [Fact]
    public void Empty_or_blank_text_is_dropped_by_default()
    {
        Assert.Equal(FilterVerdict.Drop("length.min_chars", 0, 1), new LengthFilter().Apply(new TextDocument(" \n\t ")));
        Assert.True(new LengthFilter().Apply(new TextDocument("x")).Keep);
    }

    [Fact]
    public void Bounds_count_characters_after_trimming()
    {
        var filter = new LengthFilter(new LengthFilterOptions { MinChars = 5, MaxChars = 10 });

        // "  abcd  " trims to 4 characters; "abcdefghijk" has 11.
        Assert.Equal(FilterVerdict.Drop("length.min_chars", 4, 5), filter.Apply(new TextDocument("  abcd  ")));
        Assert.Equal(FilterVerdict.Drop("length.max_chars", 11, 10), filter.Apply(new TextDocument("abcdefghijk")));
        Assert.True(filter.Apply(new TextDocument(" abcdefghij ")).Keep);
    }
}

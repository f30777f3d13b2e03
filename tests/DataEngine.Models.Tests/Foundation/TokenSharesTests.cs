using DataEngine.Models.Foundation;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>Splitting a request's tokens across its items: whole tokens, in proportion, adding up to what was billed.</summary>
public sealed class TokenSharesTests
{
    [Theory]
    [InlineData(1000, new long[] { 1, 1, 1 })]
    [InlineData(7, new long[] { 5, 1, 1, 100 })]
    [InlineData(0, new long[] { 3, 4 })]
    [InlineData(123_456, new long[] { 0, 0 })]
    public void Shares_add_up_to_the_total(int total, long[] weights) => Assert.Equal(total, TokenShares.Split(total, weights).Sum());

    [Fact]
    public void Shares_follow_the_weights_and_leftovers_go_to_the_largest_remainders()
    {
        Assert.Equal([100, 300], TokenShares.Split(400, [1, 3]));
        Assert.Equal([4, 3, 3], TokenShares.Split(10, [1, 1, 1]));
        Assert.Equal([1, 0, 2], TokenShares.Split(3, [2, 1, 4]));
    }
}

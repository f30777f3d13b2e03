using DataEngine.Core.Reviews;
using static DataEngine.Core.Tests.Reviews.TestKeys;

namespace DataEngine.Core.Tests.Reviews;

public class InMemoryReviewTokenLedgerTests
{
    [Fact]
    public async Task A_nonce_is_consumed_once()
    {
        var ledger = new InMemoryReviewTokenLedger(new ManualTimeProvider(Now));

        Assert.True(await ledger.TryConsumeAsync("n1", Expiry));
        Assert.False(await ledger.TryConsumeAsync("n1", Expiry));
        Assert.True(await ledger.TryConsumeAsync("N1", Expiry));
    }

    [Fact]
    public async Task A_nonce_is_remembered_until_its_expiry_plus_the_retention_then_forgotten()
    {
        var clock = new ManualTimeProvider(Now);
        var ledger = new InMemoryReviewTokenLedger(clock);
        await ledger.TryConsumeAsync("old", Now.AddHours(1));

        clock.Now = Now.AddHours(1) + InMemoryReviewTokenLedger.RetentionAfterExpiry;
        Assert.False(await ledger.TryConsumeAsync("old", Now.AddHours(1)));

        clock.Now += TimeSpan.FromMinutes(2);
        Assert.True(await ledger.TryConsumeAsync("new", clock.Now.AddHours(1)));
        Assert.Equal(1, ledger.Count);
    }

    [Fact]
    public async Task An_empty_nonce_is_refused()
    {
        var ledger = new InMemoryReviewTokenLedger();

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryConsumeAsync("", Expiry));
    }

    [Fact]
    public async Task A_cancelled_call_consumes_nothing()
    {
        var ledger = new InMemoryReviewTokenLedger(new ManualTimeProvider(Now));

        await Assert.ThrowsAsync<OperationCanceledException>(() => ledger.TryConsumeAsync("n1", Expiry, new CancellationToken(true)));
        Assert.True(await ledger.TryConsumeAsync("n1", Expiry));
    }
}

using DataEngine.Core.Reviews;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>
/// What every durable <see cref="IReviewTokenLedger"/> must do, run unchanged against each implementation: a link's nonce is
/// consumed once, whoever races for it, and stays consumed for a new ledger over the same storage (a restarted host).
/// </summary>
public abstract class ReviewTokenLedgerContract : IAsyncLifetime
{
    /// <summary>Links in these tests expire well after the test ends, so no ledger may forget them yet.</summary>
    protected static readonly DateTimeOffset Expires = DateTimeOffset.UtcNow.AddHours(2);

    IReviewTokenLedger? _ledger;

    protected IReviewTokenLedger Ledger => _ledger ?? throw new InvalidOperationException("The ledger is created in InitializeAsync.");

    /// <summary>A new ledger over storage that no other test sees.</summary>
    protected abstract Task<IReviewTokenLedger> CreateLedgerAsync();

    /// <summary>Another ledger instance over the same storage as <see cref="CreateLedgerAsync"/>'s, as a restarted host would build it.</summary>
    protected abstract Task<IReviewTokenLedger> ReopenLedgerAsync();

    protected virtual Task DisposeStorageAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _ledger = await CreateLedgerAsync();

    public Task DisposeAsync() => DisposeStorageAsync();

    [Fact]
    public async Task A_nonce_is_consumed_the_first_time_and_refused_every_time_after()
    {
        var nonce = ReviewToken.NewNonce();

        Assert.True(await Ledger.TryConsumeAsync(nonce, Expires));
        Assert.False(await Ledger.TryConsumeAsync(nonce, Expires));
        Assert.False(await Ledger.TryConsumeAsync(nonce, Expires.AddDays(1))); // a later expiry does not make it new
    }

    [Fact]
    public async Task Different_nonces_are_independent()
    {
        var first = ReviewToken.NewNonce();
        var second = ReviewToken.NewNonce();
        var differentCase = first.ToUpperInvariant() == first ? first.ToLowerInvariant() : first.ToUpperInvariant();

        Assert.True(await Ledger.TryConsumeAsync(first, Expires));
        Assert.True(await Ledger.TryConsumeAsync(second, Expires));
        Assert.True(await Ledger.TryConsumeAsync(differentCase, Expires)); // base64url is case-sensitive
        Assert.False(await Ledger.TryConsumeAsync(first, Expires));
        Assert.False(await Ledger.TryConsumeAsync(second, Expires));
    }

    [Fact]
    public async Task Nonces_that_are_not_valid_ids_as_they_are_are_consumed_once_each()
    {
        // Escaped, "a/b" would read "a%2Fb": both must still be told apart, as must long nonces that share a prefix.
        var unique = Unique("n");
        var longPrefix = "ü東京" + new string('x', 300);
        string[] nonces = [$"a/b?c#d\\e%f|g{unique}", $"a%2Fb%3Fc%23d%5Ce%25f%7Cg{unique}", longPrefix + unique, longPrefix + unique + "x"];

        foreach (var nonce in nonces)
        {
            Assert.True(await Ledger.TryConsumeAsync(nonce, Expires), nonce);
        }

        foreach (var nonce in nonces)
        {
            Assert.False(await Ledger.TryConsumeAsync(nonce, Expires), nonce);
        }
    }

    [Fact]
    public async Task Of_64_concurrent_uses_of_one_link_exactly_one_consumes_it()
    {
        var nonce = ReviewToken.NewNonce();
        // An awaited gate, not a blocking one: 64 blocked pool threads would start a few a second on a small machine.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Ledger.TryConsumeAsync(nonce, Expires);
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(racing);

        Assert.Single(results, consumed => consumed);
        Assert.False(await Ledger.TryConsumeAsync(nonce, Expires));
    }

    [Fact]
    public async Task A_consumed_nonce_stays_consumed_for_a_new_ledger_over_the_same_storage()
    {
        var used = ReviewToken.NewNonce();
        var unused = ReviewToken.NewNonce();
        Assert.True(await Ledger.TryConsumeAsync(used, Expires));

        var reopened = await ReopenLedgerAsync();

        Assert.False(await reopened.TryConsumeAsync(used, Expires));
        Assert.True(await reopened.TryConsumeAsync(unused, Expires));
        Assert.False(await Ledger.TryConsumeAsync(unused, Expires)); // and the first instance sees the second's
    }
}

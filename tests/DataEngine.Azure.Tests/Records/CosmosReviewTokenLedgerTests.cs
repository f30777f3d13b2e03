using System.Text.Json;
using DataEngine.Azure.Records;
using DataEngine.Contracts.Emulators;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Azure.Tests.Records;

/// <summary>What the Cosmos ledger does beyond the contract: its registration, and the time to live that lets Azure forget old links.</summary>
[Collection("emulators")]
public sealed class CosmosReviewTokenLedgerTests(EmulatorFixture emulators) : IAsyncLifetime
{
    readonly string _database = "links-" + Guid.NewGuid().ToString("N");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);

    [Fact]
    public void The_records_registration_adds_the_cosmos_ledger()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataEngine:Cosmos:ConnectionString"] = emulators.Host.CosmosConnectionString,
        }).Build();
        using var provider = new ServiceCollection().AddDataEngineCosmosRecords(configuration).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<CosmosReviewTokenLedger>(), provider.GetRequiredService<IReviewTokenLedger>());
    }

    [Fact]
    public async Task A_used_nonce_lives_until_a_while_after_its_link_expires_in_a_container_with_ttl_on()
    {
        var now = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var options = RecordCosmos.Options(emulators.Host, _database);
        var ledger = new CosmosReviewTokenLedger(RecordCosmos.Client(emulators.Host), options, new FixedClock(now));
        var (nonce, expired) = (ReviewToken.NewNonce(), ReviewToken.NewNonce());

        Assert.True(await ledger.TryConsumeAsync(nonce, now.AddHours(1)));
        Assert.True(await ledger.TryConsumeAsync(expired, now.AddHours(-1))); // a lagging caller's clock: kept at least a second

        var container = RecordCosmos.Client(emulators.Host).GetContainer(_database, options.ReviewLinksContainer);
        Assert.Equal(-1, (await container.ReadContainerAsync()).Resource.DefaultTimeToLive);
        Assert.Equal((int)(TimeSpan.FromHours(1) + InMemoryReviewTokenLedger.RetentionAfterExpiry).TotalSeconds, await TtlAsync(container, nonce));
        Assert.Equal(1, await TtlAsync(container, expired));
    }

    [Fact]
    public async Task A_renamed_links_container_is_the_one_used_and_the_default_stays_uncreated()
    {
        var options = RecordCosmos.Options(emulators.Host, _database);
        options.ReviewLinksContainer = "usedLinks";
        var ledger = new CosmosReviewTokenLedger(RecordCosmos.Client(emulators.Host), options);
        var nonce = ReviewToken.NewNonce();

        Assert.True(await ledger.TryConsumeAsync(nonce, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.False(await new CosmosReviewTokenLedger(RecordCosmos.Client(emulators.Host), options).TryConsumeAsync(nonce, DateTimeOffset.UtcNow.AddHours(1)));

        var database = RecordCosmos.Client(emulators.Host).GetDatabase(_database);
        Assert.Equal(-1, (await database.GetContainer("usedLinks").ReadContainerAsync()).Resource.DefaultTimeToLive);
        var missing = await Assert.ThrowsAsync<CosmosException>(() => database.GetContainer("reviewLinks").ReadContainerAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    static async Task<int> TtlAsync(Container container, string nonce)
    {
        using var response = await container.ReadItemStreamAsync(nonce, new PartitionKey(nonce));
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content);
        return document.RootElement.GetProperty("ttl").GetInt32();
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

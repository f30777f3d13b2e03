using DataEngine.Contracts.Emulators;
using System.Net;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Tests.Emulators;

/// <summary>What the record store may rely on from the Cosmos DB server behind emulators/cosmos-server.js, through the
/// real SDK: the answers Azure Cosmos DB gives, which the wrapper restores where the bare server differs.</summary>
[Collection("emulators")]
public sealed class CosmosServerTests(EmulatorFixture fixture) : IAsyncLifetime
{
    sealed record Item(string Id, string Tenant, int Rank, string Text = "");

    readonly CosmosClient _client = fixture.CreateCosmosClient();
    Database _database = null!;
    Container _container = null!;

    public async Task InitializeAsync()
    {
        _database = await _client.CreateDatabaseAsync($"server-{Guid.NewGuid():N}");
        _container = await _database.CreateContainerAsync("items", "/tenant");
    }

    public async Task DisposeAsync()
    {
        await _database.DeleteAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task Reading_a_missing_item_is_a_404()
    {
        await _container.UpsertItemAsync(new Item("present", "acme", 1), new PartitionKey("acme"));

        var missing = await Assert.ThrowsAsync<CosmosException>(() => _container.ReadItemAsync<Item>("absent", new PartitionKey("acme")));
        var wrongPartition = await Assert.ThrowsAsync<CosmosException>(() => _container.ReadItemAsync<Item>("present", new PartitionKey("other")));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPartition.StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_409_and_keeps_the_first()
    {
        await _container.CreateItemAsync(new Item("once", "acme", 1, "first"), new PartitionKey("acme"));

        var conflict = await Assert.ThrowsAsync<CosmosException>(
            () => _container.CreateItemAsync(new Item("once", "acme", 2, "second"), new PartitionKey("acme")));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("first", (await _container.ReadItemAsync<Item>("once", new PartitionKey("acme"))).Resource.Text);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_a_412()
    {
        var created = await _container.CreateItemAsync(new Item("run", "acme", 1, "v1"), new PartitionKey("acme"));
        var replaced = await _container.ReplaceItemAsync(created.Resource with { Text = "v2" }, "run", new PartitionKey("acme"),
            new ItemRequestOptions { IfMatchEtag = created.ETag });

        var stale = await Assert.ThrowsAsync<CosmosException>(() => _container.ReplaceItemAsync(created.Resource with { Text = "v3" },
            "run", new PartitionKey("acme"), new ItemRequestOptions { IfMatchEtag = created.ETag }));

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("v2", (await _container.ReadItemAsync<Item>("run", new PartitionKey("acme"))).Resource.Text);
    }

    [Fact]
    public async Task Query_filters_orders_limits_and_pages()
    {
        for (var i = 0; i < 12; i++)
            await _container.UpsertItemAsync(new Item($"i{i}", i % 2 == 0 ? "acme" : "other", 100 - i), new PartitionKey(i % 2 == 0 ? "acme" : "other"));

        var top = await ReadAllAsync(_container.GetItemQueryIterator<Item>(
            new QueryDefinition("SELECT TOP 3 * FROM c WHERE c.tenant = @tenant ORDER BY c.rank").WithParameter("@tenant", "acme")));
        var paged = _container.GetItemQueryIterator<Item>("SELECT * FROM c WHERE c.tenant = 'acme' ORDER BY c.rank DESC",
            requestOptions: new QueryRequestOptions { MaxItemCount = 4 });
        var pages = new List<int>();
        var ranks = new List<int>();
        while (paged.HasMoreResults)
        {
            var page = await paged.ReadNextAsync();
            pages.Add(page.Count);
            ranks.AddRange(page.Select(p => p.Rank));
        }

        Assert.Equal(["i10", "i8", "i6"], top.Select(t => t.Id));
        Assert.Equal([4, 2], pages);
        Assert.Equal([100, 98, 96, 94, 92, 90], ranks);
    }

    [Fact]
    public async Task Transactional_batch_fails_with_a_message_that_names_the_limitation()
    {
        using var response = await _container.CreateTransactionalBatch(new PartitionKey("acme"))
            .CreateItem(new Item("b1", "acme", 1))
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("TransactionalBatch", response.ErrorMessage);
    }

    static async Task<List<T>> ReadAllAsync<T>(FeedIterator<T> iterator)
    {
        var items = new List<T>();
        while (iterator.HasMoreResults)
            items.AddRange(await iterator.ReadNextAsync());
        return items;
    }
}

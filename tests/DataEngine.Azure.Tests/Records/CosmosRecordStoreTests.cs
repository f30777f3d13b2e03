using DataEngine.Contracts.Emulators;
using System.Net;
using System.Text.Json;
using DataEngine.Azure.Records;
using DataEngine.Azure.Tests.Emulators;
using DataEngine.Contracts;
using DataEngine.Core.Annotations;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Azure.Tests.Records;

/// <summary>What the Cosmos record store does beyond the contract: its containers, its documents, and how it meets throttling.</summary>
[Collection("emulators")]
public sealed class CosmosRecordStoreTests(EmulatorFixture emulators) : IAsyncLifetime
{
    readonly string _database = "records-" + Guid.NewGuid().ToString("N");

    CosmosClient Client => RecordCosmos.Client(emulators.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);

    [Fact]
    public async Task The_database_and_containers_appear_at_first_use_keyed_as_documented_and_a_second_store_shares_them()
    {
        var store = new CosmosRecordStore(Client, RecordCosmos.Options(emulators.Host, _database));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetDatabase(_database).ReadStreamAsync()).StatusCode);

        var run = await store.CreateRunAsync(Run(Unique("run"), Unique("ds")));

        var database = Client.GetDatabase(_database);
        Assert.Equal(["/runId"], (await database.GetContainer("runs").ReadContainerAsync()).Resource.PartitionKeyPaths);
        Assert.Equal(["/dataset", "/runId", "/id"], (await database.GetContainer("items").ReadContainerAsync()).Resource.PartitionKeyPaths);
        Assert.Equal(["/dataset", "/id"], (await database.GetContainer("dedupClaims").ReadContainerAsync()).Resource.PartitionKeyPaths);
        Assert.Equal(["/dataset", "/task", "/id"], (await database.GetContainer("annotations").ReadContainerAsync()).Resource.PartitionKeyPaths);

        var second = new CosmosRecordStore(Client, RecordCosmos.Options(emulators.Host, _database));
        Assert.Equal(run, await second.GetRunAsync(run.RunId));
    }

    [Fact]
    public async Task Item_documents_carry_their_key_levels_and_sample_key_in_camel_case_with_states_as_words()
    {
        var store = new CosmosRecordStore(Client, RecordCosmos.Options(emulators.Host, _database));
        var item = Rejected(Unique("run"), Unique("ds"), 7, "gopher_quality.min_words");
        await store.UpsertItemsAsync([item]);

        var query = new QueryDefinition("SELECT * FROM c WHERE c.runId = @run").WithParameter("@run", item.RunId);
        using var iterator = Client.GetContainer(_database, "items").GetItemQueryIterator<JsonElement>(query);
        var document = Assert.Single(await iterator.ReadNextAsync());

        Assert.Equal(item.Dataset, document.GetProperty("dataset").GetString());
        Assert.Equal($"{item.RunId}|{item.ItemId}", document.GetProperty("id").GetString());
        Assert.Equal("rejected", document.GetProperty("state").GetString());
        Assert.Equal("gopher_quality.min_words", document.GetProperty("rule").GetString());
        Assert.Equal(item.SampleKey, document.GetProperty("sampleKey").GetDouble());
    }

    [Fact]
    public async Task Annotation_documents_carry_their_key_levels_the_tier_as_word_and_rank_and_the_cost_as_exact_text()
    {
        var store = new CosmosRecordStore(Client, RecordCosmos.Options(emulators.Host, _database));
        var annotation = AnnotationSamples.Annotated(Unique("run"), Unique("ds"), 7, AnnotatorKind.FoundationModel) with { Route = Route.Foundation };
        await store.UpsertAnnotationsAsync([annotation]);

        var query = new QueryDefinition("SELECT * FROM c WHERE c.runId = @run").WithParameter("@run", annotation.RunId);
        using var iterator = Client.GetContainer(_database, "annotations").GetItemQueryIterator<JsonElement>(query);
        var document = Assert.Single(await iterator.ReadNextAsync());

        Assert.Equal(annotation.Dataset, document.GetProperty("dataset").GetString());
        Assert.Equal(AnnotationSamples.Topic, document.GetProperty("task").GetString());
        Assert.Equal($"{annotation.RunId}|{annotation.ItemId}|topic|foundationModel|gpt-4o-mini", document.GetProperty("id").GetString());
        Assert.Equal("foundationModel", document.GetProperty("kind").GetString());
        Assert.Equal(2, document.GetProperty("kindRank").GetInt32());
        Assert.Equal("foundation", document.GetProperty("route").GetString());
        Assert.Equal("0.00042375", document.GetProperty("cost").GetString());
        Assert.Equal(annotation.SampleKey, document.GetProperty("sampleKey").GetDouble());
    }

    [Fact]
    public async Task A_store_from_the_service_registration_works_against_the_emulator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataEngine:Cosmos:ConnectionString"] = emulators.Host.CosmosConnectionString,
            ["DataEngine:Cosmos:DatabaseName"] = _database,
        }).Build();
        await using var provider = new ServiceCollection().AddDataEngineCosmosRecords(configuration).BuildServiceProvider();

        var store = provider.GetRequiredService<IRecordStore>();
        var run = await store.CreateRunAsync(Run(Unique("run"), Unique("ds")));

        Assert.Equal(run, await store.GetRunAsync(run.RunId));
    }

    [Fact]
    public async Task Throttled_writes_are_retried_as_the_server_asks_and_one_still_throttled_after_the_retries_surfaces_as_429()
    {
        var throttled = 0;
        using var patient = ThrottlingClient(retries: 9, request => IsUpsert(request) && Interlocked.Increment(ref throttled) <= 3);
        var run = Unique("run");
        var store = new CosmosRecordStore(patient, RecordCosmos.Options(emulators.Host, _database));

        var items = Enumerable.Range(0, 20).Select(i => Item(run, "ds", i)).ToList();
        await store.UpsertItemsAsync(items);

        Assert.Equal(items.Count + 3, throttled); // every upsert once, and the three throttled ones again
        Assert.Equal(items, await ListAsync(store, run));

        using var impatient = ThrottlingClient(retries: 0, IsUpsert);
        var failure = await Assert.ThrowsAsync<CosmosException>(() =>
            new CosmosRecordStore(impatient, RecordCosmos.Options(emulators.Host, _database)).UpsertItemsAsync([Item(run, "ds", 99, ItemState.Rejected)]));
        Assert.Equal(HttpStatusCode.TooManyRequests, failure.StatusCode);
        Assert.DoesNotContain(await ListAsync(store, run), i => i.Ordinal == 99);
    }

    static bool IsUpsert(HttpRequestMessage request) => request.Headers.Contains("x-ms-documentdb-is-upsert");

    /// <summary>A client whose requests that <paramref name="throttle"/> picks get a 429 asking for a 5 ms wait, without reaching the emulator.</summary>
    CosmosClient ThrottlingClient(int retries, Func<HttpRequestMessage, bool> throttle)
    {
        var options = CosmosRecordsClient.ClientOptions(
            new CosmosRecordsOptions { ConnectionString = emulators.Host.CosmosConnectionString, MaxRetryAttemptsOnRateLimitedRequests = retries },
            emulator: true);
        options.ServerCertificateCustomValidationCallback = null; // the handler below accepts the emulator's certificate
        options.HttpClientFactory = () => new HttpClient(new RecordThrottlingHandler(throttle)
        {
            InnerHandler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true },
        });
        return new CosmosClient(emulators.Host.CosmosConnectionString, options);
    }
}

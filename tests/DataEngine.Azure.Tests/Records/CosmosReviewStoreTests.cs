using System.Text.Json;
using DataEngine.Azure.Records;
using DataEngine.Contracts.Emulators;
using DataEngine.Core.Reviews;
using Microsoft.Azure.Cosmos;
using static DataEngine.Contracts.RecordSamples;
using static DataEngine.Contracts.ReviewSamples;

namespace DataEngine.Azure.Tests.Records;

/// <summary>What the Cosmos review store does beyond the contract: its containers' keys and its documents.</summary>
[Collection("emulators")]
public sealed class CosmosReviewStoreTests(EmulatorFixture emulators) : IAsyncLifetime
{
    readonly string _database = "reviews-" + Guid.NewGuid().ToString("N");

    CosmosClient Client => RecordCosmos.Client(emulators.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => RecordCosmos.DeleteDatabaseAsync(emulators.Host, _database);

    [Fact]
    public async Task Review_containers_are_keyed_as_documented_and_documents_keep_states_as_words_and_money_exact()
    {
        var store = new CosmosReviewStore(Client, RecordCosmos.Options(emulators.Host, _database));
        var task = ReviewOf(Unique("run"), Unique("ds"), 4);
        var assignment = Assigned(task, "alice@example.org", Start.ToOffset(TimeSpan.FromHours(1)));
        await store.CreateTaskAsync(task, [assignment]);

        var database = Client.GetDatabase(_database);
        Assert.Equal(["/id"], (await database.GetContainer("reviewTasks").ReadContainerAsync()).Resource.PartitionKeyPaths);
        Assert.Equal(["/reviewer", "/id"], (await database.GetContainer("reviewAssignments").ReadContainerAsync()).Resource.PartitionKeyPaths);

        var stored = await QuerySingleAsync("reviewAssignments", assignment.AssignmentId);
        Assert.Equal("open", stored.GetProperty("state").GetString());
        Assert.Equal("alice@example.org", stored.GetProperty("reviewer").GetString());
        Assert.Equal(ReviewKeys.SortKey(Start), stored.GetProperty("assignedKey").GetString());

        var storedTask = await QuerySingleAsync("reviewTasks", task.TaskId);
        Assert.Equal("0.00042375", storedTask.GetProperty("proposals")[1].GetProperty("cost").GetString());
        Assert.Equal("foundationModel", storedTask.GetProperty("proposals")[1].GetProperty("kind").GetString());
    }

    async Task<JsonElement> QuerySingleAsync(string container, string id)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", id);
        using var iterator = Client.GetContainer(_database, container).GetItemQueryIterator<JsonElement>(query);
        return Assert.Single(await iterator.ReadNextAsync());
    }
}

using DataEngine.Contracts.Emulators;
using System.Net;
using Azure.Storage.Blobs;
using DataEngine.Local.Emulators;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Tests.Emulators;

[Collection("emulators")]
public sealed class EmulatorHostTests(EmulatorFixture fixture)
{
    sealed record Note(string Id, string Tenant, string Text);

    [Fact]
    public async Task Blob_endpoint_stores_and_returns_a_blob()
    {
        var container = fixture.CreateBlobServiceClient().GetBlobContainerClient($"emu-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var blob = container.GetBlobClient("raw/hello.txt");

        await blob.UploadAsync(BinaryData.FromString("hello, azurite"));
        var downloaded = await blob.DownloadContentAsync();

        Assert.Equal("hello, azurite", downloaded.Value.Content.ToString());
        Assert.StartsWith("http://127.0.0.1:", fixture.Host.BlobEndpoint.ToString());
    }

    [Fact]
    public async Task Cosmos_endpoint_creates_upserts_and_reads_through_the_sdk()
    {
        using var client = fixture.CreateCosmosClient();
        Database database = await client.CreateDatabaseIfNotExistsAsync($"emu-{Guid.NewGuid():N}");
        Container container = await database.CreateContainerIfNotExistsAsync("notes", "/tenant");

        await container.UpsertItemAsync(new Note("n1", "acme", "first"), new PartitionKey("acme"));
        await container.UpsertItemAsync(new Note("n1", "acme", "second"), new PartitionKey("acme"));
        var read = await container.ReadItemAsync<Note>("n1", new PartitionKey("acme"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(new Note("n1", "acme", "second"), read.Resource);
    }

    [Fact]
    public async Task Cosmos_connection_string_alone_is_enough_for_the_sdk()
    {
        using var client = new CosmosClient(fixture.Host.CosmosConnectionString,
            new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true });

        var account = await client.ReadAccountAsync();

        Assert.NotNull(account.Id);
    }
}

using DataEngine.Contracts.Emulators;
using Azure.Storage.Blobs;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Tests.Fakes;
using DataEngine.Functions.Triggers;
using DataEngine.Functions.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Tests.Emulators;

/// <summary>
/// The local ingest path end to end on the app's own composition, short of a Functions host: a file uploaded to Azurite
/// and its BlobCreated event posted start one run, recorded in the Cosmos DB server; the blob trigger, handed the same
/// upload, finds that run.
/// </summary>
[Collection("emulators")]
public sealed class IngestOnEmulatorsTests(EmulatorFixture emulators) : IAsyncLifetime
{
    readonly InstanceStoreClient _client = new();
    ServiceProvider _app = null!;

    public Task InitializeAsync()
    {
        // The settings `dataengine emulators start` prints, as a local.settings.json would hold them.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = emulators.Host.StorageConnectionString,
            ["DataEngine:Cosmos:ConnectionString"] = emulators.Host.CosmosConnectionString,
            ["DataEngine:Cosmos:DatabaseName"] = $"functions-{Guid.NewGuid():N}",
            ["DataEngine:Reviews:SigningKey"] = CompositionTests.SigningKey,
        }).Build();
        _app = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddDataEngineApp(configuration).BuildServiceProvider();
        _app.GetRequiredService<IStartupValidator>().Validate();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnUploadAndItsPostedEventStartOneRunThatBothIngestPathsShare()
    {
        var name = $"mail/{Guid.NewGuid():N}/part-1.jsonl";
        var container = new BlobServiceClient(emulators.Host.StorageConnectionString).GetBlobContainerClient(Containers.Raw);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        var uploaded = await blob.UploadAsync(BinaryData.FromString("{\"text\": \"hello from azurite\"}\n"));
        var message = $$"""
            {
              "subject": "/blobServices/default/containers/raw/blobs/{{name}}",
              "eventType": "Microsoft.Storage.BlobCreated",
              "data": { "url": "{{blob.Uri}}", "eTag": "{{uploaded.Value.ETag.ToString("H").Replace("\"", "\\\"")}}" }
            }
            """;

        await ActivatorUtilities.CreateInstance<RawUploadQueueTrigger>(_app).OnRawUploadEvent(message, _client, new QueueFunctionContext("m-1", 1), CancellationToken.None);
        await ActivatorUtilities.CreateInstance<RawUploadTrigger>(_app).OnRawUpload(blob, name, _client, CancellationToken.None);

        var (_, runId, input) = Assert.Single(_client.Scheduled);
        Assert.Equal(UploadKey.InstanceIdFor("mail", name, uploaded.Value.ETag.ToString("H")), runId);
        Assert.Equal(name, Assert.IsType<RunRequest>(input).SourcePrefix);
        Assert.Equal(RunStatus.Running, (await _app.GetRequiredService<IRecordStore>().GetRunAsync(runId))!.Status);
        Assert.NotNull(await _app.GetRequiredService<IBlobStore>().GetInfoAsync(new BlobRef(Containers.Work, $"{runId}/pipeline.json")));
    }
}

using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Tests.Fakes;
using DataEngine.Functions.Triggers;
using DataEngine.Functions.Uploads;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Tests;

/// <summary>A message on raw-uploads either schedules the upload it announces or fails loudly, so the host retries it and then parks it in the poison queue.</summary>
public sealed class RawUploadQueueTriggerTests : IDisposable
{
    readonly string _state = Directory.CreateTempSubdirectory("dataengine-functions-").FullName;
    readonly FolderBlobStore _blobs;
    readonly SqliteRecordStore _records;
    readonly InstanceStoreClient _client = new();
    readonly ListLogger<RawUploadQueueTrigger> _log = new();
    readonly RawUploadQueueTrigger _trigger;

    public RawUploadQueueTriggerTests()
    {
        _blobs = new FolderBlobStore(Path.Combine(_state, "blobs"));
        _records = new SqliteRecordStore(Path.Combine(_state, "records.db"));
        var scheduler = new UploadScheduler(
            _blobs,
            new PipelineBeside(_blobs, NullLogger<PipelineBeside>.Instance),
            new RunStarter(_blobs, _records, new PipelineCache(_blobs), TimeProvider.System),
            Options.Create(new DataEngineOptions()),
            NullLogger<UploadScheduler>.Instance);
        _trigger = new RawUploadQueueTrigger(scheduler, _log);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task AnEventForAnUploadedBlobStartsItsRun()
    {
        var blob = await _blobs.WriteAsync(new BlobRef(Containers.Raw, "mail/2024/part 1.jsonl"), "{\"text\": \"hello\"}\n"u8.ToArray());
        var message = BlobCreatedEventTests.Delivered.Replace("\\\"0x8D4BCC2E4835CD0\\\"", blob.ETag.Replace("\"", "\\\""));

        await _trigger.OnRawUploadEvent(message, _client, new QueueFunctionContext("m-1", 1), CancellationToken.None);

        var (name, runId, _) = Assert.Single(_client.Scheduled);
        Assert.Equal(("RunOrchestrator", UploadKey.InstanceIdFor("mail", "mail/2024/part 1.jsonl", blob.ETag)), (name, runId));
        Assert.Equal(RunStatus.Running, (await _records.GetRunAsync(runId))!.Status);
    }

    [Fact]
    public async Task AMalformedMessageFailsTheInvocationWithALogThatSaysWhyAndWhereItGoes()
    {
        var message = BlobCreatedEventTests.Delivered.Replace("Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted");

        await Assert.ThrowsAsync<FormatException>(() => _trigger.OnRawUploadEvent(message, _client, new QueueFunctionContext("m-2", 3), CancellationToken.None));

        Assert.Empty(_client.Scheduled);
        var (level, text) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Equal(
            "Message m-2 on raw-uploads (delivery 3) starts no run: the event is a Microsoft.Storage.BlobDeleted event; only Microsoft.Storage.BlobCreated starts a run. " +
            "After the last retry it moves to raw-uploads-poison.",
            text);
    }
}

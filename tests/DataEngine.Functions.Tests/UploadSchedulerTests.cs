using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Tests.Fakes;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using DataEngine.Functions.Uploads;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Tests;

/// <summary>
/// What an upload event does, from either ingest path: at most one run per upload, prepared before it is scheduled,
/// configured by the pipeline file beside it; an event that outlived its blob starts nothing.
/// </summary>
public sealed class UploadSchedulerTests : IDisposable
{
    const string ETag = "\"0x8DC1\"";

    readonly string _state = Directory.CreateTempSubdirectory("dataengine-functions-").FullName;
    readonly FolderBlobStore _blobs;
    readonly SqliteRecordStore _records;
    readonly InstanceStoreClient _client = new();
    readonly UploadScheduler _scheduler;

    public UploadSchedulerTests()
    {
        _blobs = new FolderBlobStore(Path.Combine(_state, "blobs"));
        _records = new SqliteRecordStore(Path.Combine(_state, "records.db"));
        var starter = new RunStarter(_blobs, _records, new PipelineCache(_blobs), TimeProvider.System);
        var pipelines = new PipelineBeside(_blobs, NullLogger<PipelineBeside>.Instance);
        _scheduler = new UploadScheduler(_blobs, pipelines, starter, Options.Create(new DataEngineOptions { DefaultDataset = "inbox" }), NullLogger<UploadScheduler>.Instance);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }

    BlobInfo Put(string container, string name, string text) =>
        _blobs.WriteAsync(new BlobRef(container, name), System.Text.Encoding.UTF8.GetBytes(text)).GetAwaiter().GetResult();

    string? Text(string container, string name) =>
        File.Exists(_blobs.PathOf(new BlobRef(container, name))) ? File.ReadAllText(_blobs.PathOf(new BlobRef(container, name))) : null;

    [Fact]
    public async Task AnUploadSchedulesOneRunOverThatBlobWithThePipelineStored()
    {
        var outcome = await _scheduler.ScheduleAsync(_client, "mail/2024/part-1.jsonl", ETag);

        Assert.Equal(UploadOutcome.Scheduled, outcome);
        var (name, instanceId, input) = Assert.Single(_client.Scheduled);
        var request = Assert.IsType<RunRequest>(input);
        Assert.Equal("RunOrchestrator", name);
        Assert.Equal(UploadKey.InstanceIdFor("mail", "mail/2024/part-1.jsonl", ETag), instanceId);
        Assert.Equal(instanceId, request.RunId);
        Assert.Equal("mail", request.Dataset);
        Assert.Equal("mail/2024/part-1.jsonl", request.SourcePrefix);
        Assert.NotNull(Text(Containers.Work, $"{instanceId}/pipeline.json"));
        Assert.Equal(RunStatus.Running, (await _records.GetRunAsync(instanceId))!.Status);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    public async Task ARedeliveredEventStartsNothingNew(OrchestrationRuntimeStatus status)
    {
        await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", ETag);
        var runId = _client.Scheduled[0].InstanceId;
        _client.Set(runId, "RunOrchestrator", status);

        var outcome = await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", ETag);

        Assert.Equal(UploadOutcome.AlreadyStarted, outcome);
        Assert.Single(_client.Scheduled);
    }

    [Fact]
    public async Task ARedeliveredEventRetriesARunThatFailed()
    {
        await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", ETag);
        var runId = _client.Scheduled[0].InstanceId;
        _client.Set(runId, "RunOrchestrator", OrchestrationRuntimeStatus.Failed);

        var outcome = await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", ETag);

        Assert.Equal(UploadOutcome.Scheduled, outcome);
        Assert.Equal([runId, runId], _client.Scheduled.Select(s => s.InstanceId));
    }

    [Fact]
    public async Task APipelineFileBesideTheUploadConfiguresTheRun()
    {
        Put(Containers.Raw, "mail/2024/pipeline.yaml", "batching:\n  max_parallel_batches: 3\n  max_attempts: 5\nfilters:\n  - length\n");

        await _scheduler.ScheduleAsync(_client, "mail/2024/part-1.jsonl", ETag);

        var request = Assert.IsType<RunRequest>(Assert.Single(_client.Scheduled).Input);
        Assert.Equal((3, 5), (request.MaxParallelBatches, request.MaxAttempts));
        Assert.Contains("length", Text(Containers.Work, $"{request.RunId}/pipeline.json"));
        Assert.Equal("mail", request.Dataset);
    }

    [Fact]
    public async Task UploadingAPipelineFileStartsNothing()
    {
        var outcome = await _scheduler.ScheduleAsync(_client, "mail/pipeline.json", ETag);

        Assert.Equal(UploadOutcome.PipelineFile, outcome);
        Assert.Empty(_client.Scheduled);
    }

    [Fact]
    public async Task AnInvalidPipelineFileStartsNothingAndStoresNothing()
    {
        Put(Containers.Raw, "mail/pipeline.json", """{ "batching": { "max_paralel_batches": 3 } }""");

        var outcome = await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", ETag);

        Assert.Equal(UploadOutcome.Rejected, outcome);
        Assert.Empty(_client.Scheduled);
        Assert.Null(await _records.GetRunAsync(UploadKey.InstanceIdFor("mail", "mail/part-1.jsonl", ETag)));
        Assert.Empty(Directory.Exists(Path.Combine(_state, "blobs", Containers.Work)) ? Directory.GetFiles(Path.Combine(_state, "blobs", Containers.Work), "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task AnUploadAtTheTopGoesToTheDefaultDataset()
    {
        await _scheduler.ScheduleAsync(_client, "loose.jsonl", ETag);

        var request = Assert.IsType<RunRequest>(Assert.Single(_client.Scheduled).Input);
        Assert.Equal("inbox", request.Dataset);
        Assert.StartsWith("inbox-", request.RunId);
    }

    [Fact]
    public async Task AFolderThatIsNotADatasetNameStartsNothing()
    {
        var outcome = await _scheduler.ScheduleAsync(_client, "My Mail/part-1.jsonl", ETag);

        Assert.Equal(UploadOutcome.Rejected, outcome);
        Assert.Empty(_client.Scheduled);
    }

    [Fact]
    public async Task AQueuedEventSchedulesTheSameRunAsTheBlobTriggerWould()
    {
        var blob = Put(Containers.Raw, "mail/part-1.jsonl", "{\"text\": \"hello\"}\n");

        var outcome = await _scheduler.ScheduleAsync(_client, new BlobCreatedEvent("mail/part-1.jsonl", blob.ETag));
        var again = await _scheduler.ScheduleAsync(_client, "mail/part-1.jsonl", blob.ETag);

        Assert.Equal((UploadOutcome.Scheduled, UploadOutcome.AlreadyStarted), (outcome, again));
        Assert.Equal(UploadKey.InstanceIdFor("mail", "mail/part-1.jsonl", blob.ETag), Assert.Single(_client.Scheduled).InstanceId);
    }

    [Fact]
    public async Task AQueuedEventForADeletedBlobStartsNothing()
    {
        var outcome = await _scheduler.ScheduleAsync(_client, new BlobCreatedEvent("mail/part-1.jsonl", ETag));

        Assert.Equal(UploadOutcome.Deleted, outcome);
        Assert.Empty(_client.Scheduled);
    }

    [Fact]
    public async Task AQueuedEventForAnOverwrittenBlobLeavesTheRunToTheOverwritesEvent()
    {
        var first = Put(Containers.Raw, "mail/part-1.jsonl", "{\"text\": \"first\"}\n");
        var second = Put(Containers.Raw, "mail/part-1.jsonl", "{\"text\": \"second upload\"}\n");

        var stale = await _scheduler.ScheduleAsync(_client, new BlobCreatedEvent("mail/part-1.jsonl", first.ETag));
        var current = await _scheduler.ScheduleAsync(_client, new BlobCreatedEvent("mail/part-1.jsonl", second.ETag));

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal((UploadOutcome.Superseded, UploadOutcome.Scheduled), (stale, current));
        Assert.Equal(UploadKey.InstanceIdFor("mail", "mail/part-1.jsonl", second.ETag), Assert.Single(_client.Scheduled).InstanceId);
    }
}

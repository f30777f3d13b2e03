using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Functions.Composition;
using DataEngine.Workflows.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Uploads;

/// <summary>
/// Turns one upload to the raw container into at most one run: validates it, prepares the run (pipeline stored beside
/// the run, run recorded) and schedules <see cref="RunOrchestrator"/>. All the work happens in the orchestration.
/// Both ingest paths, the blob trigger and the queue of BlobCreated events, schedule through here.
/// </summary>
public sealed class UploadScheduler(
    IBlobStore blobs,
    PipelineBeside pipelines,
    RunStarter starter,
    IOptions<DataEngineOptions> options,
    ILogger<UploadScheduler> logger)
{
    /// <summary>
    /// Schedules the upload a BlobCreated event announces, if the blob is still the one the event names: an event read
    /// from a queue may arrive after the blob was deleted or overwritten (the overwrite raises its own event).
    /// </summary>
    public async Task<UploadOutcome> ScheduleAsync(DurableTaskClient client, BlobCreatedEvent upload, CancellationToken cancellationToken = default)
    {
        var current = await blobs.GetInfoAsync(new BlobRef(Containers.Raw, upload.BlobName), cancellationToken);
        if (current is null)
        {
            logger.LogWarning("raw/{Blob} was deleted before its upload event arrived; no run started.", upload.BlobName);
            return UploadOutcome.Deleted;
        }

        if (!SameETag(current.ETag, upload.ETag))
        {
            logger.LogInformation("raw/{Blob} was overwritten after this event (ETag {EventETag}, now {ETag}); the overwrite's own event starts its run.", upload.BlobName, upload.ETag, current.ETag);
            return UploadOutcome.Superseded;
        }

        // The store's ETag, in the form the blob trigger reads too, so both paths key the same upload to the same run.
        return await ScheduleAsync(client, upload.BlobName, current.ETag, cancellationToken);
    }

    public async Task<UploadOutcome> ScheduleAsync(DurableTaskClient client, string blobName, string etag, CancellationToken cancellationToken = default)
    {
        if (UploadKey.IsPipelineFile(blobName))
        {
            logger.LogInformation("raw/{Blob} is a pipeline file: it configures the uploads beside it and starts no run.", blobName);
            return UploadOutcome.PipelineFile;
        }

        var dataset = UploadKey.DatasetOf(blobName, options.Value.DefaultDataset);
        if (DatasetName.Problem(dataset) is { } problem)
        {
            logger.LogError("raw/{Blob} starts no run: its folder '{Dataset}' is not a valid dataset name ({Problem}).", blobName, dataset, problem);
            return UploadOutcome.Rejected;
        }

        var runId = UploadKey.InstanceIdFor(dataset, blobName, etag);
        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (!UploadKey.ShouldSchedule(existing))
        {
            logger.LogInformation("raw/{Blob} (ETag {ETag}) already has run {RunId} ({Status}); nothing new started.", blobName, etag, runId, existing!.RuntimeStatus);
            return UploadOutcome.AlreadyStarted;
        }

        PipelineConfig config;
        try
        {
            config = await pipelines.LoadAsync(blobName, dataset, cancellationToken);
        }
        catch (PipelineConfigException ex)
        {
            // Retrying the event cannot fix a bad config; the fix is a corrected pipeline file and a re-upload.
            logger.LogError("raw/{Blob} starts no run: {Error}", blobName, ex.Message);
            return UploadOutcome.Rejected;
        }

        var request = await starter.PrepareAsync(runId, blobName, config, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(RunOrchestrator), request, new StartOrchestrationOptions(runId), cancellationToken);
        logger.LogInformation("raw/{Blob} scheduled run {RunId} of dataset {Dataset}{Retry}.", blobName, runId, dataset, existing is null ? "" : $" again (the earlier attempt {existing.RuntimeStatus})");
        return UploadOutcome.Scheduled;
    }

    /// <summary>ETags compared as the blob service compares them: the quoted value, a weak marker aside.</summary>
    static bool SameETag(string a, string b) => string.Equals(Bare(a), Bare(b), StringComparison.Ordinal);

    static string Bare(string etag) => (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');
}

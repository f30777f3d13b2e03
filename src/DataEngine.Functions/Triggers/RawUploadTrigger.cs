using Azure;
using Azure.Storage.Blobs;
using DataEngine.Core.Ports;
using DataEngine.Functions.Uploads;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DataEngine.Functions.Triggers;

/// <summary>
/// An upload to the raw container schedules a curation run; it does nothing but validate and schedule. Its events come
/// from Event Grid; where they cannot, <see cref="RawUploadQueueTrigger"/> reads the same events from a queue.
/// </summary>
public sealed class RawUploadTrigger(UploadScheduler scheduler, ILogger<RawUploadTrigger> logger)
{
    [Function(nameof(OnRawUpload))]
    public async Task OnRawUpload(
        [BlobTrigger(Containers.Raw + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        // The ETag tells this upload from a later overwrite of the same name: it keys the run.
        ETag etag;
        try
        {
            etag = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogWarning("raw/{Blob} was deleted before its upload event arrived; no run started.", name);
            return;
        }

        await scheduler.ScheduleAsync(client, name, etag.ToString(), cancellationToken);
    }
}

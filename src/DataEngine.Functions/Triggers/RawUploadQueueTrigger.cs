using DataEngine.Functions.Uploads;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DataEngine.Functions.Triggers;

/// <summary>
/// The other ingest path: BlobCreated events for the raw container read from the raw-uploads storage queue. In Azure an
/// Event Grid subscription with a storage-queue endpoint fills it; locally, where Azurite raises no events, the user posts
/// the event after uploading. It validates and schedules through the same <see cref="UploadScheduler"/> as
/// <see cref="RawUploadTrigger"/>.
/// </summary>
public sealed class RawUploadQueueTrigger(UploadScheduler scheduler, ILogger<RawUploadQueueTrigger> logger)
{
    public const string QueueName = "raw-uploads";

    [Function(nameof(OnRawUploadEvent))]
    public async Task OnRawUploadEvent(
        [QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        BlobCreatedEvent upload;
        try
        {
            upload = BlobCreatedEvent.Parse(message);
        }
        catch (FormatException ex)
        {
            // Failing the invocation makes the host retry the message and, after host.json's maxDequeueCount, move it to
            // the poison queue, where it stays to be read; a malformed message never starts a run.
            var data = context.BindingContext.BindingData;
            logger.LogError("Message {MessageId} on {Queue} (delivery {DequeueCount}) starts no run: {Problem} After the last retry it moves to {Queue}-poison.",
                data.GetValueOrDefault("Id"), QueueName, data.GetValueOrDefault("DequeueCount"), ex.Message, QueueName);
            throw;
        }

        await scheduler.ScheduleAsync(client, upload, cancellationToken);
    }
}

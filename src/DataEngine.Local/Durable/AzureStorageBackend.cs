using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Durable;

/// <summary>
/// The Azure Storage orchestration provider (queues, tables and blobs: what Durable Functions uses by default) as the
/// local durable host's backend, e.g. on Azurite. Orchestration history survives a crash of the process, so a killed
/// run resumes where its history ends.
/// </summary>
public static class AzureStorageBackend
{
    /// <summary>Creates the task hub's queues and tables if needed and returns the backend.</summary>
    /// <param name="connectionString">A storage connection string (Azurite's, locally).</param>
    /// <param name="taskHub">Task hub name: 3-45 letters and digits, starting with a letter.</param>
    /// <param name="concurrency">Orchestration and activity work items that may run at once in this process.</param>
    public static async Task<OrchestrationBackend> CreateAsync(
        string connectionString, string taskHub, int concurrency, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub name '{taskHub}' must be 3-45 letters and digits, starting with a letter.", nameof(taskHub));
        }

        var provider = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            MaxConcurrentTaskOrchestrationWorkItems = concurrency,
            MaxConcurrentTaskActivityWorkItems = concurrency,

            // One worker on one machine: a single control-queue partition, and queues polled at least every second
            // instead of the default 30 s back-off, which would leave a small local run idle most of the time.
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            UseTablePartitionManagement = true,

            // The provider enqueues an episode's outgoing messages before it writes the episode's history, and deletes
            // the message that started the episode last. A process killed in between leaves that message invisible for
            // its visibility timeout (5 minutes by default) before it is delivered again and the episode replays. On
            // one machine a restart should pick the run up within seconds; messages are still renewed while an
            // activity runs longer than this.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(15),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(15),

            // The same worker id after a restart lets the new process take the partition back at once instead of
            // waiting for the dead process's lease to expire.
            WorkerId = $"{Environment.MachineName}-{taskHub}",
            CustomMessageTypeBinder = new ProtobufTagsTypeBinder(),
            LoggerFactory = loggerFactory,
        });

        cancellationToken.ThrowIfCancellationRequested();
        await provider.CreateIfNotExistsAsync();
        var service = new SidecarEventsOrchestrationService<AzureStorageOrchestrationService>(provider);
        return new OrchestrationBackend("azure-storage", service, service) { IsDurable = true };
    }
}

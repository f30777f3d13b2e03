using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Durable;

/// <summary>
/// Where the local durable host keeps orchestration state: the orchestration service its gRPC sidecar serves, and the
/// client half of it. In memory (the embedded default) or the Azure Storage provider (the local-azure profile).
/// </summary>
public sealed record OrchestrationBackend(string Name, IOrchestrationService Service, IOrchestrationServiceClient Client)
{
    /// <summary>True when orchestrations survive a restart of the process (their history is stored outside it).</summary>
    public bool IsDurable { get; init; }

    /// <summary>In memory: fast, and gone with the process; completed work survives through the record store's batch markers.</summary>
    public static OrchestrationBackend InMemory(int concurrency, ILoggerFactory loggerFactory)
    {
        var service = new ConcurrentInMemoryOrchestrationService(concurrency, concurrency, loggerFactory);
        return new OrchestrationBackend("in-memory", service, service);
    }
}

/// <summary>Creates a backend once the host knows its concurrency and logging.</summary>
public delegate Task<OrchestrationBackend> OrchestrationBackendFactory(int concurrency, ILoggerFactory loggerFactory, CancellationToken cancellationToken);

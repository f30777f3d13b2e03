using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Durable;

/// <summary>
/// The in-memory orchestration service with its concurrency limits raised. The base class allows ProcessorCount work
/// items and sleeps 500 ms whenever that many are busy: about 4 activities/s on 2 cores. Its limits are not virtual,
/// so this class re-declares the interface to replace just those two members.
/// </summary>
sealed class ConcurrentInMemoryOrchestrationService(int maxOrchestrations, int maxActivities, ILoggerFactory? loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => maxOrchestrations;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => maxActivities;
}

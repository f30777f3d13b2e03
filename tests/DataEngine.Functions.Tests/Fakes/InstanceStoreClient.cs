using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace DataEngine.Functions.Tests.Fakes;

/// <summary>
/// A durable client over a dictionary of instances: scheduling adds a Pending instance with its input, and tests set
/// statuses to play the orchestration's later life. Only what the functions call is implemented.
/// </summary>
sealed class InstanceStoreClient() : DurableTaskClient("test")
{
    public Dictionary<string, OrchestrationMetadata> Instances { get; } = [];

    public List<(string Name, string InstanceId, object? Input)> Scheduled { get; } = [];

    public void Set(string instanceId, string name, OrchestrationRuntimeStatus status, object? output = null, object? customStatus = null, string? error = null) =>
        Instances[instanceId] = new OrchestrationMetadata(name, instanceId)
        {
            RuntimeStatus = status,
            CreatedAt = DateTimeOffset.UnixEpoch,
            LastUpdatedAt = DateTimeOffset.UnixEpoch.AddMinutes(5),
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            SerializedCustomStatus = customStatus is null ? null : JsonDataConverter.Default.Serialize(customStatus),
            FailureDetails = error is null ? null : new TaskFailureDetails("InvalidOperationException", error, null, null, null),
            DataConverter = JsonDataConverter.Default,
        };

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        Scheduled.Add((orchestratorName.Name, instanceId, input));
        Set(instanceId, orchestratorName.Name, OrchestrationRuntimeStatus.Pending);
        return Task.FromResult(instanceId);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.GetValueOrDefault(instanceId));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

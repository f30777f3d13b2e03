using DataEngine.Core.Runs;
using Microsoft.DurableTask.Client;

namespace DataEngine.Workflows.Reviews;

/// <summary>Raises <see cref="ReviewEvents.Answered"/> on a waiting batch through the durable client of the host.</summary>
public sealed class DurableReviewWaiters(DurableTaskClient client) : IReviewWaiters
{
    public async Task<bool> TryWakeAsync(string instanceId, string assignmentId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending }
            || instance.ReadInputAs<BatchInput>() is not { Review: ReviewMode.Wait })
        {
            return false;
        }

        await client.RaiseEventAsync(instanceId, ReviewEvents.Answered, assignmentId, cancellationToken);
        return true;
    }
}

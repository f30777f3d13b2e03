using DataEngine.Core.Runs;
using DataEngine.Workflows;
using DataEngine.Workflows.Orchestrators;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DataEngine.Functions.Api;

/// <summary>
/// The run-status API: GET runs/{runId}. ASP.NET Core integration (HttpRequest, IActionResult): MVC's results and JSON
/// formatting, and the same types an ASP.NET Core host would use, so the handler is tested without a Functions host.
/// </summary>
public sealed class RunStatusApi
{
    [Function(nameof(GetRun))]
    public async Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);

        // Batch sub-orchestrations share the id space ("{runId}-batch-00001"); they are not runs.
        if (instance is null || instance.Name != nameof(RunOrchestrator))
        {
            return new NotFoundObjectResult(new
            {
                error = $"No run '{runId}'. A run id is '{{dataset}}-{{12 hex digits}}', logged when its upload was scheduled; " +
                        "runs of uploads whose events have not arrived yet, or whose history was purged, are not found.",
            });
        }

        var failed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed;
        return new OkObjectResult(new RunStatus(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            instance.ReadCustomStatusAs<RunProgress>(),
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunReport>() : null,
            failed ? instance.FailureDetails?.ErrorMessage ?? "the run failed without details" : null));
    }
}

using Microsoft.DurableTask;

namespace DataEngine.Workflows;

/// <summary>The retry policy for activities: exponential backoff from one second, a configured number of attempts.</summary>
static class RetryPolicies
{
    public static TaskOptions Activity(int maxAttempts) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxAttempts, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}

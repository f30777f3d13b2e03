using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace DataEngine.Models.Foundation;

/// <summary>
/// The standard HTTP resilience pipeline (total timeout → retry → circuit breaker → attempt timeout) set from the options:
/// 408, 429, 5xx, network errors and attempt timeouts are retried with exponential backoff and jitter, waiting as long as
/// a Retry-After header asks; when most recent attempts failed the circuit opens and requests fail without being sent.
/// </summary>
internal static class FoundationResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, FoundationModelOptions options)
    {
        resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
        resilience.AttemptTimeout.Timeout = options.RequestTimeout;

        resilience.Retry.MaxRetryAttempts = options.MaxRetries;
        resilience.Retry.Delay = options.RetryBaseDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldRetryAfterHeader = true;

        resilience.CircuitBreaker.FailureRatio = options.CircuitBreakerFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = options.CircuitBreakerMinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = options.CircuitBreakerSamplingDuration;
        resilience.CircuitBreaker.BreakDuration = options.CircuitBreakerBreakDuration;
    }
}

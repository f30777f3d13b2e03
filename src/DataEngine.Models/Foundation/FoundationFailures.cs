using System.ClientModel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DataEngine.Models.Foundation;

/// <summary>Turns what a failed request threw into a reason for its items, or into a configuration error that stops the call.</summary>
internal static class FoundationFailures
{
    private const int MaxDetailChars = 200;

    /// <summary>
    /// 401, 403 and 404 say the configuration is wrong (key, permissions, endpoint path, model or deployment name): every
    /// other request would get the same answer, so the run should stop and say what to fix, not fail each item.
    /// </summary>
    public static FoundationModelConfigurationException? AsConfigurationError(Exception exception, FoundationModelOptions options)
    {
        if (exception is not ClientResultException { Status: 401 or 403 or 404 } e)
        {
            return null;
        }

        var section = FoundationModelOptions.SectionName;
        var what = e.Status switch
        {
            401 => $"refused the API key (HTTP 401): check {section}:{nameof(FoundationModelOptions.ApiKey)}",
            403 => $"denied access (HTTP 403): check the key's permissions and the endpoint's network rules",
            _ => $"has no model '{options.Model}' at this address (HTTP 404): check {section}:{nameof(FoundationModelOptions.Endpoint)} "
                + $"(the OpenAI-compatible base ending in /v1/) and {section}:{nameof(FoundationModelOptions.Model)} (Azure: the deployment name)",
        };
        return new FoundationModelConfigurationException($"The foundation model endpoint {options.Endpoint} {what}. {Detail(e.Message)}", e.Status, e);
    }

    /// <summary>Why a request's items got no answer, in words for the annotation's reason.</summary>
    public static string Describe(Exception exception, FoundationModelOptions options) => exception switch
    {
        ClientResultException { Status: 408 or 429 or >= 500 } e =>
            $"the endpoint answered HTTP {e.Status} after {options.MaxRetries} retries: {Detail(e.Message)}",
        ClientResultException { Status: > 0 } e => $"the endpoint answered HTTP {e.Status}: {Detail(e.Message)}",
        ClientResultException e => $"the request failed: {Detail(e.InnerException?.Message ?? e.Message)}",
        BrokenCircuitException => "not sent: the circuit breaker is open after repeated failures of the endpoint",
        TimeoutRejectedException e => $"the endpoint did not answer in time: {Detail(e.Message)}",
        OperationCanceledException => $"the response did not arrive within the network timeout ({options.TotalTimeout} and a margin)",
        HttpRequestException e => $"the request failed: {Detail(e.Message)}",
        _ => $"{exception.GetType().Name}: {Detail(exception.Message)}",
    };

    private static string Detail(string message)
    {
        var oneLine = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length > MaxDetailChars ? oneLine[..MaxDetailChars] + "…" : oneLine;
    }
}

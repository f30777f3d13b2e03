using System.ComponentModel.DataAnnotations;

namespace DataEngine.Models.Foundation;

/// <summary>
/// The foundation-model tier's endpoint, prices and limits: bound from <c>DataEngine:Foundation</c> and validated at start-up.
/// </summary>
/// <remarks>
/// Any server that speaks the OpenAI chat-completions API works: <c>https://api.openai.com/v1/</c>; a model served from a GPU
/// container app (vLLM, TGI, Ollama: <c>http://host:8000/v1/</c>); or Azure OpenAI through its v1 API, with
/// <see cref="Endpoint"/> <c>https://RESOURCE.openai.azure.com/openai/v1/</c>, the resource's key as <see cref="ApiKey"/> and
/// the deployment name as <see cref="Model"/> (the v1 API takes no <c>api-version</c> and no separate client).
/// </remarks>
public sealed class FoundationModelOptions : IValidatableObject
{
    public const string SectionName = "DataEngine:Foundation";

    /// <summary>The OpenAI-compatible base URI, the one that ends in <c>/v1/</c>; requests go to <c>{Endpoint}chat/completions</c>.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The key, sent as a bearer token. Comes from configuration (Key Vault reference, user secrets, environment); may be
    /// empty for a local server that checks none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The model (Azure: the deployment name). Recorded as the annotator id of every annotation.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Model { get; set; } = "";

    /// <summary>Requests in flight at once in this process, across all calls: keeps a batch within the endpoint's rate limit.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Items asked about in one chat request. Several items share one copy of the instructions, which is most of a short
    /// item's prompt; too many make one bad answer cost a retry of all of them. 1 asks about each item alone.
    /// </summary>
    [Range(1, 100)]
    public int ItemsPerRequest { get; set; } = 10;

    /// <summary>Each item's text is cut to this many characters, so one huge mail cannot blow the context window or the bill.</summary>
    [Range(100, 1_000_000)]
    public int MaxItemChars { get; set; } = 8_000;

    /// <summary>The most tokens one answer may use (reasoning models spend some of these before answering).</summary>
    [Range(16, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 2_048;

    /// <summary>Sampling temperature; unset leaves the server's default (reasoning models reject any other).</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>Price of one million prompt tokens, in the currency the pipeline prices models in.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal InputCostPer1MTokens { get; set; }

    /// <summary>Price of one million completion tokens.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal OutputCostPer1MTokens { get; set; }

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one request may take with all its retries and waits (Retry-After included) before its items fail.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of one request after a 408, 429, 5xx, a network error or an attempt timeout.</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones double it, with jitter. A Retry-After header, when sent, is waited instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The circuit opens when at least this share of the attempts in the sampling window failed.</summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts the sampling window must hold before the circuit may open.</summary>
    [Range(2, 100_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over; at least twice <see cref="RequestTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open circuit fails requests at once, without calling the endpoint, before it lets one through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Endpoint)} must be an absolute http(s) URI such as https://RESOURCE.openai.azure.com/openai/v1/.",
                [nameof(Endpoint)]);
        }

        // The standard resilience pipeline rejects these combinations only at the first request; say so at start-up.
        if (TotalTimeout <= RequestTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(TotalTimeout)} ({TotalTimeout}) must be longer than {nameof(RequestTimeout)} ({RequestTimeout}).",
                [nameof(TotalTimeout), nameof(RequestTimeout)]);
        }

        if (CircuitBreakerSamplingDuration < RequestTimeout * 2)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(CircuitBreakerSamplingDuration)} ({CircuitBreakerSamplingDuration}) must be at least twice {nameof(RequestTimeout)} ({RequestTimeout}).",
                [nameof(CircuitBreakerSamplingDuration), nameof(RequestTimeout)]);
        }

        if (RetryBackoffSum() > TotalTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}: {nameof(MaxRetries)} retries from {nameof(RetryBaseDelay)} {RetryBaseDelay}, doubling, wait longer than {nameof(TotalTimeout)} ({TotalTimeout}).",
                [nameof(MaxRetries), nameof(RetryBaseDelay), nameof(TotalTimeout)]);
        }
    }

    /// <summary>The retry delays added up without jitter: base, 2·base, 4·base, …</summary>
    private TimeSpan RetryBackoffSum() => RetryBaseDelay * ((1L << Math.Clamp(MaxRetries, 0, 30)) - 1);
}

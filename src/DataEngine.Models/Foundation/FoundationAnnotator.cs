using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Foundation;

/// <summary>
/// The foundation-model tier: asks an OpenAI-compatible chat endpoint about items, <see cref="FoundationModelOptions.ItemsPerRequest"/>
/// to a request with a JSON-schema answer, at most <see cref="FoundationModelOptions.MaxConcurrency"/> requests in flight in
/// the process. An unusable answer is asked again once, for the items it did not answer, then counted as failed.
/// </summary>
/// <remarks>
/// Tokens: the endpoint's usage of a request is split across its items, prompt tokens in proportion to the length of each
/// item's text as sent (the shared instructions follow the same split), completion tokens equally (every item's answer is
/// the same few fields). Latency is the request's time, retries included, split equally. A re-asked item pays for both
/// requests. A request that fails after the resilience handler gives up fails its items with the reason; 401, 403 and 404
/// throw <see cref="FoundationModelConfigurationException"/> instead, since every other request would fail the same way.
/// </remarks>
public sealed class FoundationAnnotator : IFoundationAnnotator
{
    /// <summary>Requests per item for a usable answer: the first, and one more for what it left unanswered.</summary>
    private const int MaxAttempts = 2;

    private readonly IChatClient _chat;
    private readonly FoundationModelOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;

    public FoundationAnnotator(IChatClient chat, IOptions<FoundationModelOptions> options, ILogger<FoundationAnnotator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(options);
        _chat = chat;
        _options = options.Value;
        _logger = logger ?? NullLogger<FoundationAnnotator>.Instance;
        _inFlight = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
    }

    public string ModelId => _options.Model;

    public async Task<IReadOnlyList<Annotation>> AnnotateAsync(
        AnnotationTaskConfig task,
        IReadOnlyList<FoundationItem> items,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return [];
        }

        var prompt = new FoundationPrompt(task, _options.MaxItemChars);
        var results = new Annotation[items.Count];

        // A configuration error in one request cancels the others: they would all fail the same way.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var size = _options.ItemsPerRequest;
        var requests = new Task[(items.Count + size - 1) / size];
        for (var r = 0; r < requests.Length; r++)
        {
            requests[r] = AnnotateRequestAsync(prompt, items, r * size, Math.Min(size, items.Count - r * size), results, stop);
        }

        try
        {
            await Task.WhenAll(requests).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var configuration = requests
                .Select(r => r.Exception?.InnerException)
                .OfType<FoundationModelConfigurationException>()
                .FirstOrDefault();
            if (configuration is not null)
            {
                ExceptionDispatchInfo.Throw(configuration);
            }

            throw;
        }

        return results;
    }

    /// <summary>Annotates <c>items[start .. start + count]</c>, one request and at most one more for the items left unanswered.</summary>
    private async Task AnnotateRequestAsync(
        FoundationPrompt prompt, IReadOnlyList<FoundationItem> items, int start, int count, Annotation[] results, CancellationTokenSource stop)
    {
        var token = stop.Token;
        var tallies = new ItemTally[count];
        for (var i = 0; i < count; i++)
        {
            tallies[i] = new ItemTally();
        }

        string? version = null;
        await _inFlight.WaitAsync(token).ConfigureAwait(false);
        try
        {
            var pending = Enumerable.Range(0, count).ToList();
            for (var attempt = 1; attempt <= MaxAttempts && pending.Count > 0; attempt++)
            {
                // Ids are the item's place in this request ("1", "2", …): short to copy and cheap in tokens, unlike item ids.
                var asked = pending.Select((i, k) => (Id: (k + 1).ToString(CultureInfo.InvariantCulture), items[start + i].Text)).ToList();
                var started = Stopwatch.GetTimestamp();
                var (response, failure) = await AskAsync(prompt, asked, token).ConfigureAwait(false);
                var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds / pending.Count;
                foreach (var i in pending)
                {
                    tallies[i].Attempts++;
                    tallies[i].LatencyMs += latencyMs;
                }

                if (response is null)
                {
                    foreach (var i in pending)
                    {
                        (tallies[i].Problem, tallies[i].TransportFailed) = (failure, true);
                    }

                    LogRequestFailed(pending.Count, prompt.TaskConfig.Name, failure!);
                    break;
                }

                version = response.ModelId ?? version;
                ShareUsage(response.Usage, pending, asked, tallies);
                var check = AnswerParser.Check(response.Text, prompt.TaskConfig, [.. asked.Select(a => a.Id)], StoppedEarly(response));
                var unanswered = Record(check, pending, asked, tallies);
                if (unanswered.Count > 0)
                {
                    LogUnusableAnswer(unanswered.Count, prompt.TaskConfig.Name, attempt, tallies[unanswered[0]].Problem!);
                }

                pending = unanswered;
            }
        }
        catch (FoundationModelConfigurationException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _inFlight.Release();
        }

        var by = new Annotator(AnnotatorKind.FoundationModel, _options.Model, version);
        for (var i = 0; i < count; i++)
        {
            results[start + i] = tallies[i].ToAnnotation(prompt.TaskConfig.Name, by, _options);
        }
    }

    /// <summary>One chat request. Returns the response, or why there is none; throws for cancellation and configuration errors.</summary>
    private async Task<(ChatResponse? Response, string? Failure)> AskAsync(
        FoundationPrompt prompt, IReadOnlyList<(string Id, string Text)> asked, CancellationToken token)
    {
        try
        {
            return (await _chat.GetResponseAsync(prompt.Messages(asked), prompt.Options(_options), token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (FoundationFailures.AsConfigurationError(e, _options) is { } configuration)
        {
            throw configuration;
        }
        catch (Exception e)
        {
            return (null, FoundationFailures.Describe(e, _options));
        }
    }

    /// <summary>Keeps each usable answer and each item's problem; returns the items still without a usable answer.</summary>
    private static List<int> Record(AnswerCheck check, List<int> pending, List<(string Id, string Text)> asked, ItemTally[] tallies)
    {
        var unanswered = new List<int>();
        for (var k = 0; k < pending.Count; k++)
        {
            var tally = tallies[pending[k]];
            if (check.Answers.TryGetValue(asked[k].Id, out var answer))
            {
                tally.Answer = answer;
            }
            else
            {
                tally.Problem = check.ProblemFor(asked[k].Id);
                unanswered.Add(pending[k]);
            }
        }

        return unanswered;
    }

    /// <summary>Splits a request's usage across the items it asked about; see the class remarks.</summary>
    private static void ShareUsage(UsageDetails? usage, List<int> pending, List<(string Id, string Text)> asked, ItemTally[] tallies)
    {
        var input = TokenShares.Split(ClampTokens(usage?.InputTokenCount), [.. asked.Select(a => (long)a.Text.Length + 1)]);
        var output = TokenShares.Split(ClampTokens(usage?.OutputTokenCount), [.. Enumerable.Repeat(1L, asked.Count)]);
        for (var k = 0; k < pending.Count; k++)
        {
            tallies[pending[k]].InputTokens += input[k];
            tallies[pending[k]].OutputTokens += output[k];
        }
    }

    private static string? StoppedEarly(ChatResponse response) =>
        response.FinishReason == ChatFinishReason.Length ? $"cut off at {nameof(FoundationModelOptions.MaxOutputTokens)}"
        : response.FinishReason == ChatFinishReason.ContentFilter ? "stopped by the endpoint's content filter"
        : null;

    private static int ClampTokens(long? tokens) => (int)Math.Clamp(tokens ?? 0, 0, int.MaxValue);

    private void LogRequestFailed(int items, string task, string reason) =>
        FoundationLog.RequestFailed(_logger, items, task, _options.Model, reason);

    private void LogUnusableAnswer(int items, string task, int attempt, string example) =>
        FoundationLog.UnusableAnswer(_logger, items, task, _options.Model, attempt, example);
}

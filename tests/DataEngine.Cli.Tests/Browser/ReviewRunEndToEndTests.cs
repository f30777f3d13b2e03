using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace DataEngine.Cli.Tests.Browser;

/// <summary>
/// A real `dataengine run --review web`: the run serves the reviewer page and waits; a reviewer in headless Chromium
/// reads each item and answers it by key as the batches arrive; the run then finishes with the reviewer's labels.
/// </summary>
public sealed class ReviewRunEndToEndTests(HeadlessChromium browser, ITestOutputHelper output) : IClassFixture<HeadlessChromium>, IDisposable
{
    private const int Items = 12;
    private const string Reviewer = "alice";

    // The word a reviewer reads as spam; half the items carry it.
    private const string Marker = "WINNERPRIZE";

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("dataengine-review-e2e-").FullName;
    private readonly IWebDriver _driver = browser.Driver;

    // One batch in flight: the second batch's tasks exist only after the reviewer has answered the first's, so the
    // page must pick them up by polling while the run waits.
    [Fact]
    public async Task EndToEnd_a_reviewer_answers_every_item_of_a_waiting_run_by_keys_and_the_run_keeps_their_labels()
    {
        var input = Path.Combine(_dir, "mail.jsonl");
        var config = Path.Combine(_dir, "pipeline.yaml");
        var outDir = Path.Combine(_dir, "out");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, Items).Select(i => JsonSerializer.Serialize(new { text = Text(i) })));
        await File.WriteAllTextAsync(config, Pipeline);

        var clock = Stopwatch.StartNew();
        using var run = new RunningCli(Cli.Start(new Dictionary<string, string>(), "run", input, "--config", config, "--out", outDir, "--review", "web", "--port", "0"));
        try
        {
            var page = await run.WaitForPageAsync(Reviewer, TimeSpan.FromSeconds(30));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: page {page}");
            _driver.Navigate().GoToUrl(page);

            // As a reviewer would: read the text on screen, decide, press the key; the next batch's tasks show up
            // while the run goes on (the page polls when its queue is empty).
            var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
            var answered = new HashSet<string>(StringComparer.Ordinal);
            while (answered.Count < Items)
            {
                var (assignment, text) = WaitForNewTask(answered, run);
                var spam = text.Contains(Marker, StringComparison.Ordinal);
                Assert.True(chosen.TryAdd(text, spam ? "spam" : "ham"), $"the text of {assignment} was shown twice");
                answered.Add(assignment);
                new Actions(_driver).SendKeys(spam ? "2" : "1").Perform();
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Items} answered");
            Wait(_ => Script($"return window.reviewState.answered === {Items} && window.reviewState.pendingPosts === 0;") is true, TimeSpan.FromSeconds(15));

            var (exit, stdout, stderr) = await run.WaitForExitAsync(RunLimit - clock.Elapsed);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: run ended, exit {exit}");
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");

            var runFolder = Assert.Single(Directory.GetDirectories(outDir), d => !Path.GetFileName(d).StartsWith('.'));
            AssertLabels(runFolder, chosen);
            AssertReport(runFolder);
            AssertTimings();
        }
        catch
        {
            output.WriteLine(run.Output);
            throw;
        }
    }

    public void Dispose()
    {
        _driver.Navigate().GoToUrl("about:blank");
        Directory.Delete(_dir, recursive: true);
    }

    private static string Pipeline => $"""
        dataset: review-e2e
        reader:
          format: jsonl
          text_field: text
        batching:
          batch_size: 5
          max_parallel_batches: 1
        filters:
          - length: {"{"} min_chars: 40 {"}"}
        dedup:
          exact: true
        annotations:
          - name: spam
            kind: binary
            labels: [ham, spam]
            instructions: Is this message unsolicited bulk mail?
            budget:
              max_foundation_items: 0
              max_human_items: 100
        reviews:
          reviewers: [{Reviewer}]
          deadline_minutes: 10
        """;

    // Distinct texts of 40+ words; the even ones carry the marker.
    private static string Text(int i)
    {
        var words = string.Join(' ', Enumerable.Range(0, 40).Select(w => $"word{i}x{w}"));
        return i % 2 == 0
            ? $"Message {i}. Claim your {Marker} today before the offer ends: {words}."
            : $"Message {i}. Notes from the weekly planning meeting follow: {words}.";
    }

    private static void AssertLabels(string runFolder, IReadOnlyDictionary<string, string> chosen)
    {
        var texts = Directory.GetFiles(Path.Combine(runFolder, "curated"), "part-*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("text").GetString()!);
        var labels = Directory.GetFiles(Path.Combine(runFolder, "labels"), "part-*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

        Assert.Equal(Items, labels.Count);
        Assert.All(labels, label =>
        {
            var id = label.GetProperty("id").GetString()!;
            Assert.Equal("spam", label.GetProperty("task").GetString());
            Assert.Equal("Human:" + Reviewer, label.GetProperty("by").GetString());
            Assert.Equal(chosen[texts[id]], label.GetProperty("label").GetString());
        });
    }

    private void AssertReport(string runFolder)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "report.json")));
        var task = Assert.Single(report.RootElement.GetProperty("annotations").EnumerateArray());
        Assert.Equal(Items, task.GetProperty("human").GetInt64());
        Assert.Equal(Items, task.GetProperty("reviewed").GetInt64());
        var median = task.GetProperty("reviewSecondsMedian").GetDouble();
        output.WriteLine($"report: human {Items}, reviewed {Items}, median {median:F3} s per answer");
        Assert.True(median > 0, $"reviewSecondsMedian {median}: the answers' secondsSpent were not stored");
    }

    private void AssertTimings()
    {
        // Only decisions with the next task already in memory are timed; those at the end of a batch wait for a poll.
        var timings = ((ReadOnlyCollection<object>)Script("return window.reviewTimings;")!).Select(Convert.ToDouble).Order().ToList();
        Assert.NotEmpty(timings);
        double Percentile(double p) => timings[Math.Max(0, (int)Math.Ceiling(p * timings.Count) - 1)];
        output.WriteLine($"keystroke to next task on screen over {timings.Count} decisions: p50 {Percentile(0.5):F1} ms, p95 {Percentile(0.95):F1} ms, max {timings[^1]:F1} ms");
        Assert.True(Percentile(0.95) <= 50, $"p95 {Percentile(0.95):F1} ms > 50 ms");
    }

    private (string Assignment, string Text) WaitForNewTask(HashSet<string> answered, RunningCli run)
    {
        (string, string) shown = default;
        Wait(_ =>
        {
            if (run.HasExited)
            {
                throw new InvalidOperationException($"the run ended with {Items - answered.Count} items unanswered");
            }

            // Id and text in one script: the page sets them together, so they belong to the same task.
            if (Script("const s = window.reviewState.shown; return s ? [s, document.getElementById('item-text').textContent] : null;")
                    is ReadOnlyCollection<object> { Count: 2 } pair && pair[0] is string id && !answered.Contains(id))
            {
                shown = (id, (string)pair[1]);
                return true;
            }

            return false;
        }, TimeSpan.FromSeconds(30));
        return shown;
    }

    private object? Script(string script) => ((IJavaScriptExecutor)_driver).ExecuteScript(script);

    private void Wait(Func<IWebDriver, bool> condition, TimeSpan timeout)
    {
        var wait = new WebDriverWait(_driver, timeout) { PollingInterval = TimeSpan.FromMilliseconds(10) };
        wait.Until(condition);
    }

    /// <summary>The `dataengine` process with its output read as it comes; ended by its id, gently first, if the test fails.</summary>
}

using System.Net.Http.Json;
using System.Text.Json;

namespace DataEngine.Cli.Tests;

/// <summary>
/// `dataengine serve` as a user runs it: a file dropped in the inbox starts a run (as an upload does in Azure), its
/// reviews appear in the API, and once answered the run finishes with the reviewer's labels in the output folder; and
/// `run --review web` serving the open reviews of a run that finished without waiting for them.
/// </summary>
public sealed class ServeCommandTests : IDisposable
{
    const int Items = 4;
    readonly string _dir = Directory.CreateTempSubdirectory("dataengine-serve-").FullName;

    [Fact]
    public async Task A_file_dropped_in_the_inbox_starts_a_waiting_run_that_completes_with_the_answers_given_through_the_api()
    {
        var config = await ConfigAsync();
        var outDir = Path.Combine(_dir, "out");
        using var serve = new RunningCli(Cli.Start(new Dictionary<string, string>(), "serve", "--config", config, "--out", outDir, "--port", "0"));
        var page = new Uri(await serve.WaitForPageAsync("alice", TimeSpan.FromSeconds(60)));
        using var http = new HttpClient { BaseAddress = new Uri(page.GetLeftPart(UriPartial.Authority)) };

        // Written elsewhere and moved in, as an upload lands whole.
        var staged = Path.Combine(_dir, "mail.jsonl");
        await File.WriteAllLinesAsync(staged, Enumerable.Range(0, Items).Select(i => JsonSerializer.Serialize(new { text = $"Message {i}: the meeting moved to Thursday afternoon." })));
        Directory.CreateDirectory(Path.Combine(outDir, "inbox"));
        File.Move(staged, Path.Combine(outDir, "inbox", "mail.jsonl"));

        var answered = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (answered < Items)
        {
            var queue = await http.GetFromJsonAsync<JsonElement>("/api/reviews?reviewer=alice", timeout.Token);
            foreach (var review in queue.GetProperty("items").EnumerateArray())
            {
                var answer = await http.PostAsJsonAsync(
                    $"/api/reviews/{review.GetProperty("assignmentId").GetString()}/answer",
                    new { reviewer = "alice", decision = "label", label = "ham", secondsSpent = 1.5 },
                    timeout.Token);
                Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(timeout.Token));
                answered++;
            }

            await Task.Delay(200, timeout.Token);
        }

        var report = await ReportAsync(outDir, timeout.Token);
        var summary = report.GetProperty("annotations")[0];
        Assert.Equal(Items, summary.GetProperty("reviewed").GetInt64());
        var labels = Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(report.GetProperty("path").GetString())!, "labels"), "*.jsonl")
            .SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Items, labels.Count);
        Assert.All(labels, l => Assert.Equal("Human:alice", l.GetProperty("by").GetString()));
        Assert.False(serve.HasExited, "serve keeps running for the next file");
    }

    [Fact]
    public async Task Run_review_web_on_an_input_a_deferred_run_finished_serves_its_open_reviews_and_ends_once_they_are_answered()
    {
        var config = await ConfigAsync();
        var outDir = Path.Combine(_dir, "out");
        var input = Path.Combine(_dir, "mail.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, Items).Select(i => JsonSerializer.Serialize(new { text = $"Message {i}: the meeting moved to Thursday afternoon." })));
        var deferred = await Cli.RunAsync("run", input, "--config", config, "--out", outDir);
        Assert.True(deferred.ExitCode == 0, deferred.Output + deferred.Error);
        Assert.Contains($"{Items} reviews are open", deferred.Output.ReplaceLineEndings(" "));

        using var web = new RunningCli(Cli.Start(new Dictionary<string, string>(), "run", input, "--config", config, "--out", outDir, "--review", "web", "--port", "0"));
        var page = new Uri(await web.WaitForPageAsync("alice", TimeSpan.FromSeconds(60)));
        await web.WaitForLineAsync(l => l.Contains("curated already", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.False(web.HasExited, "the page stays up while reviews are open");

        using var http = new HttpClient { BaseAddress = new Uri(page.GetLeftPart(UriPartial.Authority)) };
        var queue = await http.GetFromJsonAsync<JsonElement>("/api/reviews?reviewer=alice");
        Assert.Equal(Items, queue.GetProperty("items").GetArrayLength());
        foreach (var review in queue.GetProperty("items").EnumerateArray())
        {
            var answer = await http.PostAsJsonAsync(
                $"/api/reviews/{review.GetProperty("assignmentId").GetString()}/answer", new { reviewer = "alice", decision = "label", label = "spam", secondsSpent = 2.0 });
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        var (exitCode, output, error) = await web.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("every review of run", output);
        var report = await ReportAsync(outDir, CancellationToken.None);
        Assert.Equal(Items, report.GetProperty("annotations")[0].GetProperty("reviewed").GetInt64());
        var labels = Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(report.GetProperty("path").GetString())!, "labels"), "*.jsonl")
            .SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(labels, l => Assert.Equal("spam", l.GetProperty("label").GetString()));
    }

    async Task<string> ConfigAsync()
    {
        var config = Path.Combine(_dir, "pipeline.yaml");
        await File.WriteAllTextAsync(config, """
            dataset: inbox-mail
            batching: { batch_size: 10 }
            filters:
              - length: { min_chars: 20 }
            annotations:
              - name: spam
                kind: binary
                labels: [ham, spam]
                instructions: Is this message unsolicited bulk mail?
                budget: { max_foundation_items: 0, max_human_items: 100 }
            reviews:
              reviewers: [alice]
              deadline_minutes: 10
            """);
        return config;
    }

    /// <summary>The run's report.json once it is written (the run completed), with its path added.</summary>
    static async Task<JsonElement> ReportAsync(string outDir, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Directory.EnumerateFiles(outDir, "report.json", SearchOption.AllDirectories).FirstOrDefault() is { } file)
            {
                var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(file, cancellationToken))!;
                json["path"] = JsonSerializer.SerializeToElement(file);
                return JsonSerializer.SerializeToElement(json);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

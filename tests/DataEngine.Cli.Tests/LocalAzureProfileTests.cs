using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using DataEngine.Contracts.Emulators;
using DataEngine.Local.Emulators;

namespace DataEngine.Cli.Tests;

/// <summary>The emulators for this assembly's classes marked <c>[Collection("emulators")]</c>.</summary>
[CollectionDefinition("emulators")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;

/// <summary>
/// The local-azure profile: the same runs on Azurite and the Cosmos DB emulator through the Azure adapters. The
/// emulators are started by the tests themselves (npm packages in emulators/) and stopped by PID at the end.
/// </summary>
[Collection("emulators")]
public sealed class LocalAzureProfileTests(EmulatorFixture emulators) : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("dataengine-cli-azure-").FullName;
    readonly EmulatorHost _emulators = emulators.Host;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    Dictionary<string, string> Settings => new()
    {
        ["DataEngine__Storage__ConnectionString"] = _emulators.StorageConnectionString,
        ["DataEngine__Cosmos__ConnectionString"] = _emulators.CosmosConnectionString,
    };

    [Fact]
    public async Task A_run_on_the_emulators_gives_the_same_dataset_as_the_embedded_run()
    {
        var embedded = await Cli.RunAsync("run", "samples/mail", "--out", Path.Combine(_work, "embedded"));
        var azure = await Cli.RunAsync(Settings, "run", "samples/mail", "--profile", "local-azure", "--out", Path.Combine(_work, "azure"));

        Assert.True(azure.ExitCode == 0, azure.Output + azure.Error);
        Assert.Equal(Counts(Path.Combine(_work, "embedded")), Counts(Path.Combine(_work, "azure")));
        Assert.Equal(CuratedIds(Path.Combine(_work, "embedded")), CuratedIds(Path.Combine(_work, "azure")));

        var again = await Cli.RunAsync(Settings, "run", "samples/mail", "--profile", "local-azure", "--out", Path.Combine(_work, "azure"));
        Assert.Contains("already completed", again.Output);
    }

    [Fact]
    public async Task A_run_killed_midway_completes_when_started_again_with_nothing_lost_and_nothing_twice()
    {
        var input = Path.Combine(_work, "input");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "pipeline.yaml"),
            "dataset: resume\nbatching:\n  batch_size: 10\n  max_parallel_batches: 1\nfilters:\n  - length: { min_chars: 20 }\n");
        await File.WriteAllLinesAsync(Path.Combine(input, "data.jsonl"), Enumerable.Range(0, 1500).Select(n =>
            JsonSerializer.Serialize(new { text = $"Record {n % 1400} of the sample set describes a different afternoon by the river." })));

        var reference = await Cli.RunAsync("run", input, "--out", Path.Combine(_work, "reference"));
        Assert.Equal(0, reference.ExitCode);

        // Start the run on the emulators (150 batches, one at a time) and kill the process once five have been filtered.
        var output = Path.Combine(_work, "azure");
        using (var first = Cli.Start(Settings, "run", input, "--profile", "local-azure", "--out", output))
        {
            // No SDK retries while polling: a retry's back-off would hide progress for seconds.
            var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
            var work = new BlobServiceClient(_emulators.StorageConnectionString, options).GetBlobContainerClient("work");
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await CountAsync(work, ".outcomes.jsonl", patience.Token) < 5)
            {
                if (first.HasExited)
                {
                    Assert.Fail("the run ended before it could be interrupted: " + await first.StandardOutput.ReadToEndAsync());
                }

                await Task.Delay(20, patience.Token);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.True(
            !Directory.Exists(output) || Directory.GetFiles(output, "report.json", SearchOption.AllDirectories).Length == 0,
            "the first process was killed before the run completed");

        var resumed = await Cli.RunAsync(Settings, "run", input, "--profile", "local-azure", "--out", output);

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.DoesNotContain("already completed", resumed.Output);
        Assert.Contains("resumed from its orchestration history", Regex.Replace(resumed.Output, @"\s+", " ")); // the console wraps lines
        Assert.Equal(Counts(Path.Combine(_work, "reference")), Counts(output));
        Assert.Equal(CuratedIds(Path.Combine(_work, "reference")), CuratedIds(output));
    }

    static async Task<int> CountAsync(BlobContainerClient container, string suffix, CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            return 0;
        }

        var count = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            count += blob.Name.EndsWith(suffix, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    static (long Read, long Accepted, long Rejected, long Duplicates, long Quarantined) Counts(string outFolder)
    {
        var report = Directory.GetFiles(outFolder, "report.json", SearchOption.AllDirectories).Single(f => !f.Contains(".dataengine"));
        var r = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
        return (r.GetProperty("read").GetInt64(), r.GetProperty("accepted").GetInt64(), r.GetProperty("rejected").GetInt64(),
            r.GetProperty("duplicates").GetInt64(), r.GetProperty("quarantined").GetInt64());
    }

    static List<string> CuratedIds(string outFolder) =>
        Directory.GetFiles(outFolder, "*.jsonl", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}curated{Path.DirectorySeparatorChar}") && !f.Contains(".dataengine"))
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
}

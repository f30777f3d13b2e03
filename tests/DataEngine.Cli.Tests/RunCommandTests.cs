using System.Text.Json;

namespace DataEngine.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    readonly string _out = Directory.CreateTempSubdirectory("dataengine-cli-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Run_on_the_mail_sample_writes_curated_data_and_a_report_that_adds_up_then_a_rerun_does_nothing()
    {
        var (exit, output, error) = await Cli.RunAsync("run", "samples/mail", "--out", _out);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var runFolder = Assert.Single(Directory.GetDirectories(_out), d => !Path.GetFileName(d).StartsWith('.'));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runFolder, "report.json")));
        var r = report.RootElement;
        var read = r.GetProperty("read").GetInt64();
        var accepted = r.GetProperty("accepted").GetInt64();
        Assert.Equal(300, read);
        Assert.Equal(read, accepted + r.GetProperty("rejected").GetInt64() + r.GetProperty("duplicates").GetInt64() + r.GetProperty("quarantined").GetInt64());
        Assert.True(r.GetProperty("duplicates").GetInt64() > 0, "the sample holds spam campaigns with identical bodies");

        var curatedLines = Directory.GetFiles(Path.Combine(runFolder, "curated"), "*.jsonl").Sum(f => File.ReadLines(f).Count());
        Assert.Equal(accepted, curatedLines);

        foreach (var expected in new[] { "read", "accepted", "rejected by filter", "duplicates", "quarantined", "docs/s" })
        {
            Assert.Contains(expected, output);
        }

        var again = await Cli.RunAsync("run", "samples/mail", "--out", _out);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already completed", again.Output);
        Assert.Single(Directory.GetDirectories(_out), d => !Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public async Task Run_on_the_mixed_documents_sample_reads_every_format()
    {
        var (exit, output, error) = await Cli.RunAsync("run", "samples/docs", "--out", _out);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var runFolder = Assert.Single(Directory.GetDirectories(_out), d => !Path.GetFileName(d).StartsWith('.'));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runFolder, "report.json")));
        var files = Directory.GetFiles(Path.Combine(Cli.RepoRoot, "samples", "docs"), "*", SearchOption.AllDirectories)
            .Count(f => !Path.GetFileName(f).StartsWith("pipeline.", StringComparison.Ordinal));
        Assert.Equal(files, report.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("quarantined").GetInt64());
        var sources = Directory.GetFiles(Path.Combine(runFolder, "curated"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => Path.GetExtension(JsonDocument.Parse(line).RootElement.GetProperty("source").GetString()))
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { ".txt", ".md", ".html", ".eml" }, sources);
    }

    [Fact]
    public async Task An_unknown_filter_in_the_config_is_a_clear_error_before_anything_runs()
    {
        var config = Path.Combine(_out, "bad.yaml");
        await File.WriteAllTextAsync(config, "dataset: bad\nfilters:\n  - gopher_qualty: {}\n");

        var (exit, output, _) = await Cli.RunAsync("run", "samples/docs", "--config", config, "--out", _out);

        Assert.Equal(2, exit);
        Assert.Contains("gopher_qualty", output);
        Assert.Contains("gopher_quality", output); // the message lists the known filters
        Assert.False(Directory.Exists(Path.Combine(_out, ".dataengine")), "nothing ran");
    }

    [Fact]
    public async Task An_out_of_range_threshold_is_a_clear_error_naming_the_setting()
    {
        var config = Path.Combine(_out, "bad.yaml");
        await File.WriteAllTextAsync(config, "dataset: bad\nfilters:\n  - gopher_repetition: { dup_line_frac: 1.5 }\n");

        var (exit, output, _) = await Cli.RunAsync("run", "samples/docs", "--config", config, "--out", _out);

        Assert.Equal(2, exit);
        Assert.Contains("dup_line_frac", output);
        Assert.Contains("1.5", output);
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var (exit, output, _) = await Cli.RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("run", output);
        Assert.Contains("bench", output);

        var run = await Cli.RunAsync("run", "--help");
        Assert.Contains("--config", run.Output);
        Assert.Contains("--out", run.Output);
    }
}

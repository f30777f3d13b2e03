using System.Text.Json;

namespace DataEngine.Cli.Tests;

/// <summary>The benchmark commands keep working: small inputs, one timed run, the JSON a user reads.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_filters_prints_each_measurement_beside_its_baseline_as_json()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "filters", "samples/mail/spamassassin-sample.jsonl", "--runs", "1");

        Assert.True(exit == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("mail", json.GetProperty("content").GetString());
        Assert.Equal(300, json.GetProperty("items").GetInt32());
        foreach (var measurement in new[] { "baseline", "gopherFilters", "firstPass", "durableRun", "durableRunOneBatchInFlight" })
        {
            Assert.True(json.GetProperty(measurement).GetProperty("megabytesPerSecond").GetDouble() > 0, measurement);
        }

        Assert.True(json.GetProperty("durableRun").GetProperty("ratioToFirstPass").GetDouble() > 0);
    }

    [Fact]
    public async Task Bench_filters_says_where_it_looked_when_the_corpus_is_missing()
    {
        var (exit, _, error) = await Cli.RunAsync("bench", "filters", "no/such/corpus.jsonl.gz");

        Assert.Equal(2, exit);
        Assert.Contains("corpus.jsonl.gz", error);
        Assert.Contains("not found", error);
    }

    [Fact]
    public async Task Bench_models_prints_the_embedder_beside_raw_onnx_runtime_and_the_cascade_beside_both_baselines()
    {
        var (exit, output, error) = await Cli.RunAsync(
            "bench", "models", "samples/mail/spamassassin-sample.jsonl", "--runs", "1", "--texts", "8");

        Assert.True(exit == 0, output + error);
        var json = JsonDocument.Parse(output).RootElement;
        var embedder = json.GetProperty("embedder");
        foreach (var length in new[] { "maxTokens128", "maxTokens256" })
        {
            Assert.True(embedder.GetProperty(length).GetProperty("ratio").GetDouble() > 0, length);
        }

        Assert.True(json.GetProperty("heads").GetProperty("scoring").GetProperty("itemsPerSecond").GetDouble() > 0);
        var policies = json.GetProperty("cascade").GetProperty("policies");
        foreach (var policy in new[] { "lightOnly", "cascade", "foundationOnly" })
        {
            var accuracy = policies.GetProperty(policy).GetProperty("accuracy").GetDouble();
            Assert.InRange(accuracy, 0.0, 1.0);
        }

        Assert.Equal(1.0, policies.GetProperty("foundationOnly").GetProperty("foundationShare").GetDouble());
        Assert.Equal(0.0, policies.GetProperty("lightOnly").GetProperty("foundationShare").GetDouble());
    }
}

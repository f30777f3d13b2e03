using System.Text.Json;

namespace DataEngine.Cli.Tests;

/// <summary>`bench active-learning` keeps working on the 300-mail sample: the JSON a user reads and the plot it names.</summary>
public sealed class BenchActiveLearningCommandTests
{
    [Fact]
    public async Task Bench_active_learning_on_ngrams_prints_labels_to_target_per_strategy_and_writes_the_plot()
    {
        var plot = Path.Combine(Path.GetTempPath(), $"dataengine-al-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, output, error) = await Cli.RunAsync(
                "bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--features", "ngram",
                "--seeds", "2", "--batch", "20", "--max-labels", "90", "--plot", plot);

            Assert.True(exit == 0, output + error);
            var json = JsonDocument.Parse(output).RootElement;
            Assert.Equal(plot, json.GetProperty("plot").GetString());
            Assert.Equal("ngram", json.GetProperty("features").GetProperty("kind").GetString());
            Assert.InRange(json.GetProperty("fullPool").GetProperty("macroF1").GetDouble(), 0.5, 1.0);
            var strategies = json.GetProperty("strategies");
            foreach (var name in new[] { "random", "margin", "kCenterGreedy", "marginThenKCenter" })
            {
                var strategy = strategies.GetProperty(name);
                Assert.Equal(2, strategy.GetProperty("labelsToTargetPerSeed").GetArrayLength());
                Assert.NotEmpty(strategy.GetProperty("exampleReasons").EnumerateArray());
            }

            Assert.StartsWith("margin 0.", strategies.GetProperty("margin").GetProperty("exampleReasons")[0].GetString());
            // 30 seed labels, then rounds of 20 up to the budget of 90: 30, 50, 70, 90.
            Assert.Equal([30, 50, 70, 90], json.GetProperty("curves").GetProperty("random").EnumerateArray().Select(p => p[0].GetInt32()));
            var svg = await File.ReadAllTextAsync(plot);
            Assert.StartsWith("<svg", svg);
            Assert.Equal(4, svg.Split("<polyline").Length - 1);
        }
        finally
        {
            File.Delete(plot);
        }
    }

    [Fact]
    public async Task Bench_active_learning_defaults_to_embeddings_which_a_second_run_reads_from_its_cache()
    {
        var plot = Path.Combine(Path.GetTempPath(), $"dataengine-al-{Guid.NewGuid():N}.svg");
        string[] args = ["bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--seeds", "1", "--batch", "20", "--max-labels", "50", "--plot", plot];
        try
        {
            // The first run embeds the sample unless an earlier run cached it; the second finds the cache either way.
            var (firstExit, firstOutput, firstError) = await Cli.RunAsync(args);
            Assert.True(firstExit == 0, firstOutput + firstError);
            var (exit, output, error) = await Cli.RunAsync(args);

            Assert.True(exit == 0, output + error);
            var json = JsonDocument.Parse(output).RootElement;
            var features = json.GetProperty("features");
            Assert.Equal("embedding", features.GetProperty("kind").GetString());
            Assert.Equal(128, features.GetProperty("maxTokens").GetInt32());
            Assert.True(features.GetProperty("embeddingCacheUsed").GetBoolean());
            Assert.InRange(json.GetProperty("fullPool").GetProperty("macroF1").GetDouble(), 0.7, 1.0);
            // 10 seed labels (the logistic head trains on all of them), then rounds of 20 up to the budget of 50.
            Assert.Equal([10, 30, 50], json.GetProperty("curves").GetProperty("random").EnumerateArray().Select(p => p[0].GetInt32()));
            Assert.Equal(JsonDocument.Parse(firstOutput).RootElement.GetProperty("fullPool").GetProperty("macroF1").GetDouble(),
                json.GetProperty("fullPool").GetProperty("macroF1").GetDouble());
        }
        finally
        {
            File.Delete(plot);
        }
    }

    [Fact]
    public async Task Bench_active_learning_refuses_unknown_features()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--features", "tfidf");

        Assert.NotEqual(0, exit);
        Assert.Contains("--features must be embedding or ngram", output + error);
    }

    [Fact]
    public async Task Bench_active_learning_refuses_disagreement_which_needs_a_second_tier()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--strategies", "disagreement");

        Assert.NotEqual(0, exit);
        Assert.Contains("second tier", output + error);
    }
}

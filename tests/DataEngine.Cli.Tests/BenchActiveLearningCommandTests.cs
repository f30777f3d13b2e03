using System.Text.Json;
using DataEngine.Cli.Bench;

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
    public async Task Bench_active_learning_on_embeddings_labels_one_item_per_round_by_default_and_says_how_sure_the_ratio_is()
    {
        var plot = Path.Combine(Path.GetTempPath(), $"dataengine-al-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, output, error) = await Cli.RunAsync(
                "bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--strategies", "margin", "--seeds", "3", "--max-labels", "15", "--plot", plot);

            Assert.True(exit == 0, output + error);
            var json = JsonDocument.Parse(output).RootElement;
            Assert.Equal(1, json.GetProperty("batchSize").GetInt32());
            // Retrained and scored after every label, so labels-to-target is read to the label, not to the batch.
            Assert.Equal([10, 11, 12, 13, 14, 15], json.GetProperty("curves").GetProperty("margin").EnumerateArray().Select(p => p[0].GetInt32()));
            var margin = json.GetProperty("strategies").GetProperty("margin");
            Assert.Equal(2, margin.GetProperty("ratioToRandom90Interval").GetArrayLength());
            Assert.True(margin.TryGetProperty("labelsToStayAtTarget", out _));
        }
        finally
        {
            File.Delete(plot);
        }
    }

    [Fact]
    public void Labels_to_stay_at_target_ignore_an_early_lucky_crossing_that_later_drops_back()
    {
        var curve = new ActiveLearningBenchCurve("random", 1, [(10, 0.80), (11, 0.91), (12, 0.88), (13, 0.90), (14, 0.92), (15, 0.95)], []);

        Assert.Equal(11, curve.LabelsToReach(0.9));
        Assert.Equal(13, curve.LabelsToStay(0.9));
        Assert.Null(new ActiveLearningBenchCurve("random", 1, [(10, 0.95), (11, 0.85)], []).LabelsToStay(0.9));
    }

    [Fact]
    public void Bootstrap_interval_of_the_ratio_holds_the_ratio_of_the_medians_and_widens_with_the_spread_over_seeds()
    {
        var (low, high) = ActiveLearningBenchBootstrap.RatioInterval([50, 50, 50, 50, 50], [100, 100, 100, 100, 100]);
        var (wideLow, wideHigh) = ActiveLearningBenchBootstrap.RatioInterval([30, 50, 70, 40, 60], [60, 100, 200, 80, 120]);

        Assert.Equal((0.5, 0.5), (low, high));
        Assert.True(wideLow < 0.5 && wideHigh > 0.5, $"{wideLow}..{wideHigh}");
        // Where neither strategy ever reached the target there is no ratio to bound.
        Assert.Equal((null, null), ActiveLearningBenchBootstrap.RatioInterval([null, null], [null, null]));
    }

    [Fact]
    public async Task Bench_active_learning_refuses_a_negative_l2()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--l2", "-1");

        Assert.NotEqual(0, exit);
        Assert.Contains("--l2", output + error);
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

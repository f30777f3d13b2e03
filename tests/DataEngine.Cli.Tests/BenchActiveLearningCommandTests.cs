using System.Text.Json;

namespace DataEngine.Cli.Tests;

/// <summary>`bench active-learning` keeps working on the 300-mail sample: the JSON a user reads and the plot it names.</summary>
public sealed class BenchActiveLearningCommandTests
{
    [Fact]
    public async Task Bench_active_learning_prints_labels_to_target_per_strategy_and_writes_the_plot()
    {
        var plot = Path.Combine(Path.GetTempPath(), $"dataengine-al-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, output, error) = await Cli.RunAsync(
                "bench", "active-learning", "samples/mail/spamassassin-sample.jsonl",
                "--seeds", "2", "--batch", "20", "--max-labels", "90", "--plot", plot);

            Assert.True(exit == 0, output + error);
            var json = JsonDocument.Parse(output).RootElement;
            Assert.Equal(plot, json.GetProperty("plot").GetString());
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
    public async Task Bench_active_learning_refuses_disagreement_which_needs_a_second_tier()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "active-learning", "samples/mail/spamassassin-sample.jsonl", "--strategies", "disagreement");

        Assert.NotEqual(0, exit);
        Assert.Contains("second tier", output + error);
    }
}

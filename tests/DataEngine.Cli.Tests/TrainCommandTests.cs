using System.Text.Json;

namespace DataEngine.Cli.Tests;

/// <summary>`dataengine train`: distillation on demand from the labels earlier runs gathered.</summary>
public sealed class TrainCommandTests : IDisposable
{
    readonly string _work = Directory.CreateTempSubdirectory("dataengine-cli-train-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    static readonly Dictionary<string, string> NoEmbedder = new() { ["DataEngine__Models__Embedder"] = "none" };

    string Config()
    {
        var path = Path.Combine(_work, "pipeline.yaml");
        File.WriteAllText(path, """
            dataset: train-test
            annotations:
              - name: spam
                kind: binary
                labels: [ham, spam]
                instructions: Is this mail unsolicited bulk mail?
            """);
        return path;
    }

    [Fact]
    public async Task Train_promotes_a_first_head_from_the_labels_a_run_left_and_does_nothing_twice()
    {
        // What a run's foundation step leaves behind: training examples under the dataset's task, in the engine's blobs.
        var folder = Path.Combine(_work, "out", ".dataengine", "blobs", "work", "training", "train-test", "spam", "run-1");
        Directory.CreateDirectory(folder);
        var random = new Random(5);
        File.WriteAllLines(Path.Combine(folder, "00000.jsonl"), Enumerable.Range(0, 200).Select(i =>
        {
            var spam = random.Next(3) == 0;
            var text = spam ? $"Exclusive offer {i}: claim your free prize and click the link today" : $"Minutes of meeting {i}: the build is green and the notes are attached";
            return JsonSerializer.Serialize(new { itemId = $"item-{i:D4}", label = spam ? "spam" : "ham", text, by = "FoundationModel:test" });
        }));

        var first = await Cli.RunAsync(NoEmbedder, "train", "spam", "--config", Config(), "--out", Path.Combine(_work, "out"));
        var second = await Cli.RunAsync(NoEmbedder, "train", "spam", "--config", Config(), "--out", Path.Combine(_work, "out"));

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("spam: HashedNgrams: version", first.Output);
        Assert.Contains("promoted", first.Output);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("already trained on these labels", second.Output.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task Train_says_so_when_no_labels_were_gathered_and_names_the_declared_tasks_for_an_unknown_one()
    {
        var none = await Cli.RunAsync(NoEmbedder, "train", "spam", "--config", Config(), "--out", Path.Combine(_work, "out"));
        var unknown = await Cli.RunAsync(NoEmbedder, "train", "topic", "--config", Config(), "--out", Path.Combine(_work, "out"));

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("No labels gathered yet", none.Output);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("declared: spam", unknown.Output);
    }
}

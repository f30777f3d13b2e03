using DataEngine.Core.Ports;
using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

public sealed class HeadStoreTests
{
    [Fact]
    public async Task A_saved_head_loads_by_version_in_a_new_process_and_predicts_the_same()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 60, spread: 0.3);
        var probe = Synthetic.Embeddings(task.Labels, perLabel: 10, spread: 0.3, seed: 1, prefix: "probe");
        using var first = new HeadsHarness();
        var trained = await first.Training.TrainEmbeddingHeadAsync("mail", task, examples, "fake-embedder");
        var before = await first.Scorer.ProbabilitiesAsync(trained.Head, Synthetic.Block(probe), probe.Count);

        // A second harness on the same folder has nothing in memory: everything comes from the blobs.
        using var second = new HeadsHarness(root: first.Root);
        var loaded = await second.Store.FindAsync("mail", "spam", LightTier.Embedding, trained.Head.Version);
        Assert.NotNull(loaded);
        var after = await second.Scorer.ProbabilitiesAsync(loaded, Synthetic.Block(probe), probe.Count);

        Assert.Equal(before, after);
        Assert.Equal(trained.Head.Calibration, loaded.Calibration);
        Assert.Equal(trained.Head.HeldOut, loaded.HeldOut);
        Assert.Equal(trained.Head.TrainingSetHash, loaded.TrainingSetHash);
        Assert.Equal(trained.Head.Counts.PerLabel, loaded.Counts.PerLabel);
        Assert.Contains(
            await second.HeadBlobsAsync(),
            blob => blob.StartsWith($"heads/mail/spam/embedding/{loaded.Version}/{loaded.ModelBlob} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_labels_give_the_same_version_and_write_nothing_new()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.1);
        using var harness = new HeadsHarness();

        var first = await harness.Training.TrainEmbeddingHeadAsync("mail", task, examples, "fake-embedder");
        var blobs = await harness.HeadBlobsAsync();
        var shuffled = examples.ToArray();
        new Random(7).Shuffle(shuffled);
        var again = await harness.Training.TrainEmbeddingHeadAsync("mail", task, shuffled, "fake-embedder");

        Assert.False(first.Reused);
        Assert.True(again.Reused);
        Assert.Equal(first.Head.Version, again.Head.Version);
        Assert.Equal(blobs, await harness.HeadBlobsAsync());
        Assert.Equal("already the current head", again.Decision.Reason);
    }

    [Fact]
    public void A_new_label_or_another_embedder_makes_a_new_version()
    {
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.1);
        using var harness = new HeadsHarness();

        var version = harness.Trainer.VersionOf(harness.Trainer.Prepare(task, examples, "fake-embedder"));
        var relabelled = examples.Select((e, i) => i == 0 ? e with { Label = e.Label == "ham" ? "spam" : "ham" } : e).ToList();

        Assert.Equal(version, harness.Trainer.VersionOf(harness.Trainer.Prepare(task, examples.AsEnumerable().Reverse().ToList(), "fake-embedder")));
        Assert.NotEqual(version, harness.Trainer.VersionOf(harness.Trainer.Prepare(task, relabelled, "fake-embedder")));
        Assert.NotEqual(version, harness.Trainer.VersionOf(harness.Trainer.Prepare(task, examples, "other-embedder")));
        Assert.NotEqual(version, new HeadTrainer(new HeadOptions { Seed = 3 }, TimeProvider.System).VersionOf(harness.Trainer.Prepare(task, examples, "fake-embedder")));
    }

    [Fact]
    public async Task A_model_blob_that_does_not_match_its_manifest_is_not_loaded()
    {
        var task = Synthetic.Binary();
        using var harness = new HeadsHarness();
        var trained = await harness.Training.TrainEmbeddingHeadAsync("mail", task, Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.1), "fake-embedder");
        await harness.Folder.WriteAsync(HeadStore.ModelRef(trained.Head), new byte[] { 1, 2, 3 });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => harness.Store.LoadModelAsync(trained.Head));

        Assert.Contains("SHA-256", error.Message);
    }
}

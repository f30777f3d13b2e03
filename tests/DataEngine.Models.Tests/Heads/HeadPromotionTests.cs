using DataEngine.Core.Ports;
using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

public sealed class HeadPromotionTests
{
    static readonly DataEngine.Core.Pipeline.AnnotationTaskConfig Spam = Synthetic.Binary();

    /// <summary>Labelled items with a clear signal: a good head.</summary>
    static List<HeadExample> Clean(int perLabel = 60) => Synthetic.Embeddings(Spam.Labels, perLabel, spread: 0.35);

    /// <summary>The same items with the training split's labels shuffled: a head with nothing learnt (its calibration and test items keep their true labels).</summary>
    static List<HeadExample> Scrambled(HeadOptions options, int seed) =>
        Synthetic.Scrambled(Clean(), options, HeadSplitPart.Train, seed, (e, label) => e with { Label = label });

    [Fact]
    public async Task A_first_head_is_promoted_only_if_it_reaches_the_minimum()
    {
        using var harness = new HeadsHarness();

        var useless = await harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Scrambled(harness.Options, seed: 1), "fake-embedder");
        var noHead = await harness.Store.ReadCurrentAsync("mail", "spam", LightTier.Embedding);
        var good = await harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Clean(), "fake-embedder");
        var current = await harness.Store.ReadCurrentAsync("mail", "spam", LightTier.Embedding);

        Assert.False(useless.Decision.Promoted);
        Assert.Contains("first head: held-out macro-F1", useless.Decision.Reason);
        Assert.Contains("is below the minimum 0.6000", useless.Decision.Reason);
        Assert.Null(noHead);
        Assert.True(good.Decision.Promoted);
        Assert.Equal(good.Head.Version, current?.Pointer.Version);
        Assert.Null(current?.Pointer.Previous);
    }

    [Fact]
    public async Task A_better_candidate_replaces_the_current_head_and_a_worse_one_does_not()
    {
        using var harness = new HeadsHarness(new HeadOptions { MinFirstHeadMacroF1 = 0 });

        var weak = await harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Scrambled(harness.Options, seed: 1), "fake-embedder");
        var strong = await harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Clean(), "fake-embedder");
        var worse = await harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Scrambled(harness.Options, seed: 2), "fake-embedder");
        var current = await harness.Store.ReadCurrentAsync("mail", "spam", LightTier.Embedding);

        Assert.True(weak.Decision.Promoted);
        Assert.True(strong.Decision.Promoted);
        Assert.Equal(weak.Head.Version, strong.Decision.Current);
        Assert.NotNull(strong.Decision.CurrentMetrics);
        Assert.True(strong.Decision.CandidateMetrics.MacroF1 > strong.Decision.CurrentMetrics.MacroF1);
        Assert.Contains($"beats {weak.Head.Version}'s", strong.Decision.Reason);

        Assert.False(worse.Decision.Promoted);
        Assert.Equal(strong.Head.Version, worse.Decision.Current);
        Assert.Contains($"not better than {strong.Head.Version} on the same {worse.Decision.TestExamples} held-out items", worse.Decision.Reason);
        Assert.Equal(strong.Head.Version, current?.Pointer.Version);
        Assert.Equal(weak.Head.Version, current?.Pointer.Previous);
        Assert.Equal(strong.Decision, current?.Pointer.Comparison);

        // The refusal is on record beside the refused version.
        var recorded = System.Text.Json.JsonSerializer.Deserialize<HeadComparison>(
            await harness.Folder.ReadAllBytesAsync(HeadStore.DecisionRef(worse.Head)), HeadStore.Json);
        Assert.False(recorded?.Promoted);
        Assert.Equal(worse.Decision.Reason, recorded?.Reason);
    }

    [Fact]
    public async Task Of_two_trainers_racing_one_write_wins_and_the_better_head_ends_up_current()
    {
        var racing = (RacingBlobStore?)null;
        using var harness = new HeadsHarness(new HeadOptions { MinFirstHeadMacroF1 = 0 }, wrap: inner => racing = new RacingBlobStore(inner, racers: 2));

        // Both read "no current head", both try to create current.json at the same moment.
        var results = await Task.WhenAll(
            Task.Run(() => harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Clean(), "fake-embedder")),
            Task.Run(() => harness.Training.TrainEmbeddingHeadAsync("mail", Spam, Scrambled(harness.Options, seed: 1), "fake-embedder")));
        var (strong, weak) = (results[0], results[1]);
        var current = await harness.Store.ReadCurrentAsync("mail", "spam", LightTier.Embedding);

        Assert.Equal(1, racing!.Conflicts);
        Assert.Equal(strong.Head.Version, current?.Pointer.Version);
        Assert.True(strong.Decision.Promoted);
        // Whoever lost the race compared itself with the winner on the same held-out items.
        var loser = racing.Winner == weak.Head.Version ? strong.Decision : weak.Decision;
        Assert.NotNull(loser.CurrentMetrics);
        Assert.Equal(racing.Winner, loser.Current);
    }
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;

namespace DataEngine.Models.Tests.Heads;

public sealed class LightAnnotatorTests
{
    [Fact]
    public async Task Without_a_promoted_head_every_prediction_is_null_and_the_reason_says_so()
    {
        using var harness = new HeadsHarness();
        var task = Synthetic.Binary();

        var texts = await harness.Annotator.PredictTextsAsync("mail", task, ["one", "two"]);
        var embeddings = await harness.Annotator.PredictEmbeddingsAsync("mail", task, "fake-embedder", new float[3 * Synthetic.Dimensions], 3);
        var score = await harness.Annotator.PredictTextsAsync("mail", task with { Kind = AnnotationKind.Score, Labels = [] }, ["one"]);

        Assert.Equal([null, null], texts.Predictions);
        Assert.Null(texts.By);
        Assert.Equal(0, texts.TrainingLabels);
        Assert.Equal("task 'spam' has no promoted n-gram head yet", texts.Reason);
        Assert.Equal(3, embeddings.Predictions.Count);
        Assert.All(embeddings.Predictions, Assert.Null);
        Assert.Equal("task 'spam' has no promoted embedding head yet", embeddings.Reason);
        Assert.Contains("score task", score.Reason);
    }

    [Fact]
    public async Task Multiclass_probabilities_come_back_in_the_task_label_order_with_the_head_that_answered()
    {
        using var harness = new HeadsHarness();
        var task = Synthetic.Multiclass("sports", "politics", "tech");
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.05);
        var probe = Synthetic.Embeddings(task.Labels, perLabel: 5, spread: 0.05, prefix: "probe");
        var outcome = await harness.Annotator.TrainAsync("news", task, examples.Select(e => new LightExample(e.ItemId, e.Label, Embedding: e.Embedding)).ToList(), "fake-embedder");
        var version = Assert.Single(outcome.Heads).Version;

        // The task's labels listed in another order than the head was trained with: the answers follow the task.
        var reordered = task with { Labels = ["tech", "sports", "politics"] };
        var predictions = await harness.Annotator.PredictEmbeddingsAsync("news", reordered, "fake-embedder", Synthetic.Block(probe), probe.Count);

        Assert.True(outcome.Heads[0].Promoted, outcome.Heads[0].Reason);
        Assert.Null(predictions.Reason);
        Assert.Equal(new Annotator(AnnotatorKind.LightModel, "embedding-head:fake-embedder", version), predictions.By);
        Assert.Equal(120, predictions.TrainingLabels);
        Assert.Null(predictions.Reason);
        for (var i = 0; i < probe.Count; i++)
        {
            var prediction = predictions.Predictions[i]!;
            Assert.Equal(reordered.Labels, prediction.Labels);
            Assert.Equal(probe[i].Label, prediction.Label);
            Assert.Equal(1.0, prediction.Probabilities.Sum(), precision: 4);
        }
    }

    [Fact]
    public async Task A_head_is_not_used_for_another_embedder_or_a_changed_label_set()
    {
        using var harness = new HeadsHarness();
        var task = Synthetic.Binary();
        var examples = Synthetic.Embeddings(task.Labels, perLabel: 40, spread: 0.05);
        await harness.Annotator.TrainAsync("mail", task, examples.Select(e => new LightExample(e.ItemId, e.Label, Embedding: e.Embedding)).ToList(), "fake-embedder");
        var block = Synthetic.Block(examples.Take(2));

        var otherEmbedder = await harness.Annotator.PredictEmbeddingsAsync("mail", task, "other-embedder", block, 2);
        var otherLabels = await harness.Annotator.PredictEmbeddingsAsync("mail", task with { Labels = ["ham", "phishing"] }, "fake-embedder", block, 2);

        Assert.All(otherEmbedder.Predictions, Assert.Null);
        Assert.Contains("reads 'fake-embedder', not 'other-embedder'", otherEmbedder.Reason);
        Assert.All(otherLabels.Predictions, Assert.Null);
        Assert.Contains("was trained for labels ham, spam; the task now has ham, phishing", otherLabels.Reason);
    }

    [Fact]
    public async Task Training_through_the_port_trains_each_tier_that_has_examples_and_reports_too_few_labels_as_an_outcome()
    {
        using var harness = new HeadsHarness();
        var task = Synthetic.Binary();
        var texts = Synthetic.Texts(task.Labels, perLabel: 60, signal: 0.3);
        var embedded = Synthetic.Embeddings(task.Labels, perLabel: 4, spread: 0.05, prefix: "text");
        var examples = texts.Select(t => new LightExample(t.ItemId, t.Label, t.Text, embedded.FirstOrDefault(e => e.ItemId == t.ItemId)?.Embedding ?? default)).ToList();

        var outcome = await harness.Annotator.TrainAsync("mail", task, examples, "fake-embedder");
        var predictions = await harness.Annotator.PredictTextsAsync("mail", task, texts.Take(4).Select(t => t.Text).ToList());

        var ngram = outcome.Heads.Single(h => h.Tier == LightTier.HashedNgrams);
        Assert.True(ngram.Trained);
        Assert.True(ngram.Promoted);
        Assert.Equal(ngram.Version, ngram.CurrentVersion);
        Assert.Equal(120, ngram.TrainingLabels);
        Assert.True(ngram.MacroF1 >= 0.9, $"macro-F1 {ngram.MacroF1}");
        Assert.Equal(ngram.Version, predictions.By?.Version);
        Assert.Equal(texts.Take(4).Select(t => t.Label), predictions.Predictions.Select(p => p!.Label));

        var embedding = outcome.Heads.Single(h => h.Tier == LightTier.Embedding);
        Assert.False(embedding.Trained);
        Assert.Null(embedding.Version);
        Assert.Equal(8, embedding.TrainingLabels);
        Assert.Contains("needs at least 30 labelled items", embedding.Reason);
    }
}

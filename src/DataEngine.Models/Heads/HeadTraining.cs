using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Models.HashedNgrams;

namespace DataEngine.Models.Heads;

/// <summary>
/// Trains, stores and promotes heads: the version is named from the training set first, so a training set seen before
/// is not trained again (its stored manifest is reused); otherwise the head is trained, stored as a new version and
/// offered to the <see cref="HeadPromoter"/>.
/// </summary>
public sealed class HeadTraining(
    HeadStore store,
    HeadTrainer headTrainer,
    HeadScorer headScorer,
    NgramTrainer ngramTrainer,
    NgramScorer ngramScorer,
    HeadPromoter promoter)
{
    /// <summary>Trains (or reuses) and offers for promotion the task's head on embeddings of <paramref name="embedderId"/>.</summary>
    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    public Task<HeadTrainingResult> TrainEmbeddingHeadAsync(
        string dataset, AnnotationTaskConfig task, IReadOnlyList<HeadExample> examples, string embedderId, CancellationToken cancellationToken = default)
    {
        var set = headTrainer.Prepare(task, examples, embedderId);
        return RunAsync(
            dataset,
            LightTier.Embedding,
            set,
            headTrainer.VersionOf(set),
            () => headTrainer.Train(dataset, set, embedderId, cancellationToken),
            (head, test, ct) =>
            {
                var rows = test.Select(item => (item, 0)).ToList();
                return headScorer.ProbabilitiesAsync(head, HeadTrainer.Stack(rows), rows.Count, ct);
            },
            cancellationToken);
    }

    /// <summary>Trains (or reuses) and offers for promotion the task's hashed n-gram head.</summary>
    /// <exception cref="NotEnoughLabelsException">Too few labelled items to train on.</exception>
    public Task<HeadTrainingResult> TrainNgramHeadAsync(
        string dataset, AnnotationTaskConfig task, IReadOnlyList<NgramExample> examples, CancellationToken cancellationToken = default)
    {
        var set = ngramTrainer.Prepare(task, examples);
        return RunAsync(
            dataset,
            LightTier.HashedNgrams,
            set,
            ngramTrainer.VersionOf(set),
            () => ngramTrainer.Train(dataset, set, cancellationToken),
            (head, test, ct) => ngramScorer.ProbabilitiesAsync(head, test.Select(item => item.Text).ToList(), ct),
            cancellationToken);
    }

    async Task<HeadTrainingResult> RunAsync<T>(
        string dataset,
        LightTier tier,
        HeadTrainingSet<T> set,
        string version,
        Func<TrainedHead> train,
        Func<HeadManifest, IReadOnlyList<T>, CancellationToken, Task<float[]>> score,
        CancellationToken cancellationToken)
        where T : ILabeledItem
    {
        var head = await store.FindAsync(dataset, set.Task.Name, tier, version, cancellationToken);
        var reused = head is not null;
        if (head is null)
        {
            var trained = train();
            (head, var created) = await store.SaveAsync(trained.Manifest, trained.Model, cancellationToken);
            reused = !created;
        }

        var test = set.Test.Select(p => p.Item).ToList();
        var decision = await promoter.PromoteAsync(
            head,
            HeadTrainingSet<T>.LabelsOf(set.Test),
            (candidateOrCurrent, ct) => score(candidateOrCurrent, test, ct),
            cancellationToken);
        return new HeadTrainingResult(head, reused, decision);
    }
}

/// <summary>A head version after training: its manifest, whether it existed already, and the promotion decision.</summary>
public sealed record HeadTrainingResult(HeadManifest Head, bool Reused, HeadComparison Decision);

using System.Collections.Concurrent;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Applies answers that arrive when no run waits for them any more (the review was deferred, or the run's deadline had
/// passed and it finished with the model label): the batch's verdicts are recomputed, its annotation records written
/// again (the reviewer's label becomes final, the model's is kept as history) and, when the run is complete, its
/// curated labels rewritten. Idempotent: it recomputes from the stored answers.
/// </summary>
public sealed class LateReviews(ReviewCloser closer, AnnotationCommitter committer, RunFinalizer finalizer, IRecordStore records)
{
    // One batch at a time in this process: two answers applied at once would each rewrite the batch's state from what
    // they read, and the slower could write back a state without the other's answer. (Across processes, the next
    // answer or a rerun of this step repairs it, since everything is recomputed from the stored answers.)
    readonly ConcurrentDictionary<string, SemaphoreSlim> _batches = new(StringComparer.Ordinal);

    /// <returns>False when the task names no batch of its run (it was not opened by a batch).</returns>
    public async Task<bool> ApplyAsync(ReviewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!BatchInstance.TryParse(task.Waiter, task.RunId, out var batch))
        {
            return false;
        }

        var gate = _batches.GetOrAdd(task.Waiter!, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await closer.CloseAsync(task.RunId, batch, cancellationToken);
            await committer.CommitAsync(task.RunId, task.Dataset, batch, cancellationToken);
            if (await records.GetRunAsync(task.RunId, cancellationToken) is { Status: RunStatus.Completed })
            {
                await finalizer.RewriteLabelsAsync(task.RunId, batch, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }

        return true;
    }
}

using System.Collections.Concurrent;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Applies answers that arrive when no run waits for them any more (the review was deferred, or the run's deadline had
/// passed and it finished with the model label): the batch's verdicts are recomputed, its annotation records written
/// again (the reviewer's label becomes final, the model's is kept as history) and, when the run is complete, its
/// curated labels and report rewritten. Idempotent: it recomputes from the stored answers.
/// </summary>
public sealed class LateReviews(ReviewCloser closer, AnnotationCommitter committer, RunFinalizer finalizer, IRecordStore records, IBlobStore blobs)
{
    /// <summary>Passes before giving up when other processes keep changing the batch (the next answer repairs it).</summary>
    const int MaxPasses = 5;

    // One batch at a time in this process, so answers to one batch do not make each other redo their work. Across
    // processes (a scaled-out Functions app), correctness comes from the state's conditional write and the check below.
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
            for (var pass = 1; pass <= MaxPasses; pass++)
            {
                var closed = await closer.CloseAsync(task.RunId, batch, cancellationToken);
                await committer.CommitAsync(task.RunId, task.Dataset, batch, cancellationToken);
                if (await records.GetRunAsync(task.RunId, cancellationToken) is { Status: RunStatus.Completed })
                {
                    await finalizer.RewriteLabelsAsync(task.RunId, batch, cancellationToken);
                }

                // The records, labels and report above were read from the state this pass wrote, unless another process
                // wrote a newer one meanwhile: then what this pass wrote may be older than theirs, so it runs again.
                if ((await blobs.GetInfoAsync(RunPaths.Annotations(task.RunId, batch), cancellationToken))?.ETag == closed.StateETag)
                {
                    break;
                }
            }
        }
        finally
        {
            gate.Release();
        }

        return true;
    }
}

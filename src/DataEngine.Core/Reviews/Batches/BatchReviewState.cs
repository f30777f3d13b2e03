using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>Reads the items of a batch the cascade sent to human review, with their review task ids.</summary>
static class BatchReviewState
{
    public static async Task<List<TaskAnnotationState>> ReadAsync(IBlobStore blobs, string runId, int batchIndex, CancellationToken cancellationToken) =>
        (await ReadVersionAsync(blobs, runId, batchIndex, cancellationToken)).States;

    /// <summary>
    /// The states with the ETag of the blob taken before reading it: a write conditional on that ETag fails if anyone
    /// wrote the blob since, whichever version the read saw. Null ETag: the batch has no annotation state.
    /// </summary>
    public static async Task<(List<TaskAnnotationState> States, string? ETag)> ReadVersionAsync(IBlobStore blobs, string runId, int batchIndex, CancellationToken cancellationToken)
    {
        var blob = RunPaths.Annotations(runId, batchIndex);
        return await blobs.GetInfoAsync(blob, cancellationToken) is { } info
            ? (await JsonLines.ReadAsync<TaskAnnotationState>(blobs, blob, cancellationToken).ToListAsync(cancellationToken), info.ETag)
            : ([], null);
    }

    public static bool WantsReview(TaskAnnotationState state) => state.Decision.Route == Route.Human;

    public static string TaskIdOf(string runId, TaskAnnotationState state) => ReviewTask.IdOf(runId, state.ItemId, state.Task);
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>Reads the items of a batch the cascade sent to human review, with their review task ids.</summary>
static class BatchReviewState
{
    public static async Task<List<TaskAnnotationState>> ReadAsync(IBlobStore blobs, string runId, int batchIndex, CancellationToken cancellationToken)
    {
        var blob = RunPaths.Annotations(runId, batchIndex);
        return await blobs.GetInfoAsync(blob, cancellationToken) is null
            ? []
            : await JsonLines.ReadAsync<TaskAnnotationState>(blobs, blob, cancellationToken).ToListAsync(cancellationToken);
    }

    public static bool WantsReview(TaskAnnotationState state) => state.Decision.Route == Route.Human;

    public static string TaskIdOf(string runId, TaskAnnotationState state) => ReviewTask.IdOf(runId, state.ItemId, state.Task);
}

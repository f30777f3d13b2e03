using System.Globalization;

namespace DataEngine.Core.Runs;

/// <summary>
/// The durable instance id of a batch's sub-orchestration, <c>{runId}-batch-{index:D5}</c>: review tasks name it as the
/// instance waiting for their answers, and a late answer finds its batch from it.
/// </summary>
public static class BatchInstance
{
    const string Marker = "-batch-";

    public static string IdOf(string runId, int batchIndex) => $"{runId}{Marker}{batchIndex.ToString("D5", CultureInfo.InvariantCulture)}";

    /// <summary>The batch index of <paramref name="instanceId"/> when it is the batch instance of <paramref name="runId"/>.</summary>
    public static bool TryParse(string? instanceId, string runId, out int batchIndex)
    {
        batchIndex = -1;
        var prefix = runId + Marker;
        return instanceId is not null
            && instanceId.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(instanceId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out batchIndex);
    }
}

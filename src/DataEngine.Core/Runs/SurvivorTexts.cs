using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>The texts of a batch's surviving items by item id: what the annotation and review steps show a model or a person.</summary>
public static class SurvivorTexts
{
    public static async Task<Dictionary<string, string>> ReadAsync(IBlobStore blobs, string runId, int batchIndex, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in JsonLines.ReadAsync<CuratedRecord>(blobs, RunPaths.Survivors(runId, batchIndex), cancellationToken))
        {
            texts[item.Id] = item.Text;
        }

        return texts;
    }
}

using System.Text.Json;

namespace DataEngine.Core.Runs;

/// <summary>How reports are written and read: indented camelCase JSON.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonLines.Options) { WriteIndented = true };

    public static async Task<RunReport?> ReadAsync(Ports.IBlobStore blobs, string runId, CancellationToken cancellationToken = default)
    {
        var blob = RunPaths.Report(runId);
        if (await blobs.GetInfoAsync(blob, cancellationToken) is null)
        {
            return null;
        }

        await using var stream = await blobs.OpenReadAsync(blob, cancellationToken: cancellationToken);
        return await JsonSerializer.DeserializeAsync<RunReport>(stream, Options, cancellationToken);
    }
}

using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Pipeline;
using Microsoft.DurableTask.Client;

namespace DataEngine.Functions.Uploads;

/// <summary>
/// Pure rules that turn an upload event into a run: which dataset, which instance id, whether to schedule.
/// Kept free of I/O so a re-delivered event provably maps to the same run.
/// </summary>
public static class UploadKey
{
    /// <summary>Pipeline files configure the uploads beside them; uploading one starts nothing.</summary>
    public static IReadOnlyList<string> PipelineFileNames => CompiledPipeline.ConfigFileNames;

    /// <summary>The folder part of a blob name, with its trailing slash ("mail/2024/" for "mail/2024/a.jsonl"; "" at the top).</summary>
    public static string FolderOf(string blobName) => blobName[..(blobName.LastIndexOf('/') + 1)];

    public static bool IsPipelineFile(string blobName) => CompiledPipeline.IsConfigFile(blobName);

    /// <summary>The dataset is the first path segment ("mail" for "mail/2024/a.jsonl"); a blob at the top belongs to <paramref name="defaultDataset"/>.</summary>
    public static string DatasetOf(string blobName, string defaultDataset)
    {
        var slash = blobName.IndexOf('/');
        return slash < 0 ? defaultDataset : blobName[..slash];
    }

    /// <summary>
    /// The run's orchestration instance id: <c>{dataset}-{first 12 hex digits of SHA-256(name, ETag)}</c>. The same upload
    /// (same name and ETag) always maps to the same id, so a re-delivered event finds the run it already started;
    /// overwriting the blob changes its ETag and so starts a new run.
    /// </summary>
    public static string InstanceIdFor(string dataset, string blobName, string etag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{blobName}\n{etag}"));
        return $"{dataset}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>
    /// Schedule when no instance exists, or when the earlier one failed or was terminated (a retry of the same upload).
    /// A pending, running, suspended or completed instance is the run of this upload already.
    /// </summary>
    public static bool ShouldSchedule(OrchestrationMetadata? existing) =>
        existing is null || existing.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}

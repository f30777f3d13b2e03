using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DataEngine.Core.Ports;

namespace DataEngine.Models.Heads;

/// <summary>
/// Head versions as blobs in the work container:
/// <c>heads/{dataset}/{task}/{tier}/{version}/head.json</c> beside its model blob (<c>model-{sha}.onnx</c> or
/// <c>model-{sha}.ngram</c>), the last promotion decision for the version in <c>promotion.json</c>, and
/// <c>heads/{dataset}/{task}/{tier}/current.json</c> naming the promoted version, replaced only under an ETag condition.
/// </summary>
public sealed class HeadStore(IBlobStore blobs)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The folder of a task's heads of one tier.</summary>
    public static string Folder(string dataset, string task, LightTier tier) =>
        $"heads/{dataset}/{task}/{(tier == LightTier.HashedNgrams ? "ngram" : "embedding")}";

    public static BlobRef ManifestRef(string dataset, string task, LightTier tier, string version) =>
        new(Containers.Work, $"{Folder(dataset, task, tier)}/{version}/head.json");

    public static BlobRef ModelRef(HeadManifest head) =>
        new(Containers.Work, $"{Folder(head.Dataset, head.Task, head.Tier)}/{head.Version}/{head.ModelBlob}");

    public static BlobRef DecisionRef(HeadManifest head) =>
        new(Containers.Work, $"{Folder(head.Dataset, head.Task, head.Tier)}/{head.Version}/promotion.json");

    public static BlobRef CurrentRef(string dataset, string task, LightTier tier) =>
        new(Containers.Work, $"{Folder(dataset, task, tier)}/current.json");

    /// <summary>The content-addressed name of a model blob.</summary>
    public static string ModelBlobName(ReadOnlySpan<byte> model, string extension, out string sha256)
    {
        sha256 = Convert.ToHexStringLower(SHA256.HashData(model));
        return $"model-{sha256[..16]}.{extension}";
    }

    /// <summary>The manifest of a stored version, or null when that version was never stored (completely).</summary>
    public async Task<HeadManifest?> FindAsync(string dataset, string task, LightTier tier, string version, CancellationToken cancellationToken = default)
    {
        var blob = ManifestRef(dataset, task, tier, version);
        try
        {
            return Deserialize<HeadManifest>(await blobs.ReadAllBytesAsync(blob, cancellationToken), blob);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a version: the model blob first, then head.json only if it does not exist, so a version appears whole
    /// and the first writer's manifest stands. Returns the stored manifest and whether this call created it.
    /// </summary>
    public async Task<(HeadManifest Manifest, bool Created)> SaveAsync(HeadManifest head, ReadOnlyMemory<byte> model, CancellationToken cancellationToken = default)
    {
        var modelRef = ModelRef(head);
        try
        {
            await blobs.WriteAsync(modelRef, model, BlobCondition.IfNotExists, cancellationToken);
        }
        catch (BlobConflictException)
        {
            // Same name, same SHA-256, same bytes: another writer got there first.
        }

        var manifestRef = ManifestRef(head.Dataset, head.Task, head.Tier, head.Version);
        try
        {
            await blobs.WriteAsync(manifestRef, JsonSerializer.SerializeToUtf8Bytes(head, Json), BlobCondition.IfNotExists, cancellationToken);
            return (head, true);
        }
        catch (BlobConflictException)
        {
            var stored = await FindAsync(head.Dataset, head.Task, head.Tier, head.Version, cancellationToken)
                ?? throw new InvalidOperationException($"Head manifest '{manifestRef}' was reported to exist but cannot be read.");
            return (stored, false);
        }
    }

    /// <summary>The model bytes of a version, checked against the SHA-256 in its manifest.</summary>
    /// <exception cref="InvalidDataException">The blob's content does not match the manifest.</exception>
    public async Task<byte[]> LoadModelAsync(HeadManifest head, CancellationToken cancellationToken = default)
    {
        var blob = ModelRef(head);
        var bytes = await blobs.ReadAllBytesAsync(blob, cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return sha == head.ModelSha256
            ? bytes
            : throw new InvalidDataException($"Head model '{blob}' has SHA-256 {sha}, but its manifest says {head.ModelSha256}.");
    }

    /// <summary>The promoted version's pointer with its ETag, or null when the task's tier has no promoted head.</summary>
    public async Task<(HeadPointer Pointer, string ETag)?> ReadCurrentAsync(string dataset, string task, LightTier tier, CancellationToken cancellationToken = default)
    {
        var blob = CurrentRef(dataset, task, tier);
        // The ETag is read first: if the pointer changes between the two reads, the conditional write that follows fails
        // and the promoter compares again, so a stale ETag never overwrites a newer promotion.
        var info = await blobs.GetInfoAsync(blob, cancellationToken);
        if (info is null)
        {
            return null;
        }

        try
        {
            return (Deserialize<HeadPointer>(await blobs.ReadAllBytesAsync(blob, cancellationToken), blob), info.ETag);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes current.json if it is still what was read (<paramref name="etag"/>; null: if there is none yet).
    /// False when another promotion got there first; nothing was written then.
    /// </summary>
    public async Task<bool> TryWriteCurrentAsync(string dataset, string task, LightTier tier, HeadPointer pointer, string? etag, CancellationToken cancellationToken = default)
    {
        var condition = etag is null ? BlobCondition.IfNotExists : BlobCondition.IfUnchanged(etag);
        try
        {
            await blobs.WriteAsync(CurrentRef(dataset, task, tier), JsonSerializer.SerializeToUtf8Bytes(pointer, Json), condition, cancellationToken);
            return true;
        }
        catch (BlobConflictException)
        {
            return false;
        }
    }

    /// <summary>Records the latest promotion decision about a version.</summary>
    public Task WriteDecisionAsync(HeadManifest head, HeadComparison comparison, CancellationToken cancellationToken = default) =>
        blobs.WriteAsync(DecisionRef(head), JsonSerializer.SerializeToUtf8Bytes(comparison, Json), condition: null, cancellationToken);

    static T Deserialize<T>(byte[] json, BlobRef blob) =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException($"Blob '{blob}' holds JSON null.");
}

using DataEngine.Core.Ports;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The adapter side of `bench storage`, the same for every implementation: it goes through the ports only, so each
/// family of stores differs from another only in its baseline.
/// </summary>
sealed class StorageBenchPorts(StorageBenchWorkload workload, IBlobStore blobs, IRecordStore records)
{
    public static BlobRef Blob(string folder, int i) => new(Containers.Work, $"bench/{folder}/blob-{i}");

    public Task<StorageBenchTrial> WriteAsync(int repetition, CancellationToken _) => Task.FromResult(new StorageBenchTrial(
        async ct =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await blobs.WriteAsync(Blob($"r{repetition}", i), workload.WriteContentAsync, null, ct);
            }
        },
        async () =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await blobs.DeleteAsync(Blob($"r{repetition}", i));
            }
        }));

    public Task<StorageBenchTrial> ReadAsync(int repetition, CancellationToken _)
    {
        var buffer = new byte[1 << 20];
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await using var stream = await blobs.OpenReadAsync(Blob("read", i), cancellationToken: ct);
                await workload.DrainAsync(stream, buffer, Blob("read", i).Name, ct);
            }
        }));
    }

    public Task<StorageBenchTrial> UpsertAsync(int repetition, CancellationToken _)
    {
        var calls = workload.ItemCalls($"bench-r{repetition}");
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            foreach (var call in calls)
            {
                await records.UpsertItemsAsync(call, ct);
            }
        }));
    }
}

using DataEngine.Core.Ports;
using DataEngine.Local;
using DataEngine.Local.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The embedded adapters (FolderBlobStore, SqliteRecordStore) in a temporary state folder, registered as the CLI
/// registers them, beside raw FileStream and raw Microsoft.Data.Sqlite on the same bytes, rows and database file.
/// </summary>
sealed class StorageBenchEmbedded(StorageBenchWorkload workload) : IStorageBenchTarget
{
    const string MarkerRun = "bench-markers";
    const int FileBufferBytes = 64 * 1024; // what FolderBlobStore uses

    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dataengine-bench-storage-");
    ServiceProvider? _services;
    IBlobStore _blobs = null!;
    IRecordStore _records = null!;
    StorageBenchPorts _ports = null!;
    SqliteRecordStore _baselineStore = null!;
    SqliteConnection _raw = null!;

    string RawFolder => Path.Combine(_folder.FullName, "raw");

    public Task<object> StartAsync(CancellationToken cancellationToken)
    {
        _services = new ServiceCollection().AddLocalStorage(_folder.FullName).BuildServiceProvider();
        _blobs = _services.GetRequiredService<IBlobStore>();
        _records = _services.GetRequiredService<IRecordStore>();
        _ports = new StorageBenchPorts(workload, _blobs, _records);

        // The baseline's one connection, to a database file of its own with the adapter's schema and indexes (created,
        // untimed, by a second SqliteRecordStore) and the adapter's settings (WAL, synchronous NORMAL, a checkpoint
        // every 32 MB of log), so the two differ only in the code in between. A file of its own: on one shared file each
        // side's writes changed the other's speed (a change to the baseline alone moved the upsert ratio from 1.4 to 0.9).
        _baselineStore = new SqliteRecordStore(Path.Combine(_folder.FullName, "baseline.db"));
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder.FullName, "baseline.db")};Pooling=False");
        _raw.Open();
        using var pragma = _raw.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192;";
        pragma.ExecuteNonQuery();
        return Task.FromResult<object>(new { blobs = "FolderBlobStore", records = "SqliteRecordStore (WAL)", folder = _folder.FullName });
    }

    public IEnumerable<StorageBenchCase> Cases()
    {
        yield return new StorageBenchCase(
            "blobWrite", $"{workload.Blobs} blobs written one after another, each streamed in 1 MB writes", "megabytesPerSecond", workload.BlobMegabytesPerRun,
            new StorageBenchSide("FileStream (64 KB buffer, async) to a new file", RawWriteAsync),
            new StorageBenchSide("IBlobStore.WriteAsync (temporary file, then rename)", _ports.WriteAsync));
        yield return new StorageBenchCase(
            "blobRead", $"{workload.Blobs} blobs read to the end into a 1 MB buffer, one after another", "megabytesPerSecond", workload.BlobMegabytesPerRun,
            new StorageBenchSide("FileStream (64 KB buffer) of the file", RawReadAsync),
            new StorageBenchSide("IBlobStore.OpenReadAsync", _ports.ReadAsync),
            WriteReadBlobsAsync);
        yield return new StorageBenchCase(
            "recordUpsert", $"{workload.Items} item records of a new run, {workload.ItemsPerCall} per call", "upsertsPerSecond", workload.Items,
            new StorageBenchSide($"INSERT ... ON CONFLICT DO UPDATE, one prepared command, one transaction per {workload.ItemsPerCall} rows, one open connection", RawUpsertAsync),
            new StorageBenchSide("IRecordStore.UpsertItemsAsync", _ports.UpsertAsync));
        yield return new StorageBenchCase(
            "pointRead", $"{workload.PointReads} batch markers read by key, one after another", "readsPerSecond", workload.PointReads,
            new StorageBenchSide("prepared SELECT by (run_id, batch_index) on one open connection", RawPointReadAsync),
            new StorageBenchSide("IRecordStore.GetBatchAsync", AdapterPointReadAsync),
            WriteMarkersAsync);
    }

    public double? ServerCpuSeconds() => null;

    string RawPath(string folder, int i) => Path.Combine(RawFolder, folder, $"blob-{i}");

    Task<StorageBenchTrial> RawWriteAsync(int repetition, CancellationToken _)
    {
        Directory.CreateDirectory(Path.Combine(RawFolder, $"r{repetition}"));
        return Task.FromResult(new StorageBenchTrial(
            async ct =>
            {
                for (var i = 0; i < workload.Blobs; i++)
                {
                    await using var file = new FileStream(RawPath($"r{repetition}", i), FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBufferBytes, useAsync: true);
                    await workload.WriteContentAsync(file, ct);
                }
            },
            () =>
            {
                Directory.Delete(Path.Combine(RawFolder, $"r{repetition}"), recursive: true);
                return Task.CompletedTask;
            }));
    }

    async Task WriteReadBlobsAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(RawFolder, "read"));
        for (var i = 0; i < workload.Blobs; i++)
        {
            await _blobs.WriteAsync(StorageBenchPorts.Blob("read", i), workload.WriteContentAsync, null, cancellationToken);
            await using var file = File.Create(RawPath("read", i));
            await workload.WriteContentAsync(file, cancellationToken);
        }
    }

    Task<StorageBenchTrial> RawReadAsync(int repetition, CancellationToken _)
    {
        var buffer = new byte[1 << 20];
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await using var file = new FileStream(RawPath("read", i), new FileStreamOptions
                {
                    Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = FileBufferBytes,
                });
                await workload.DrainAsync(file, buffer, RawPath("read", i), ct);
            }
        }));
    }

    Task<StorageBenchTrial> RawUpsertAsync(int repetition, CancellationToken _)
    {
        var calls = workload.ItemCalls($"bench-r{repetition}");
        return Task.FromResult(new StorageBenchTrial(_ =>
        {
            StorageBenchSqlite.Upsert(_raw, calls);
            return Task.CompletedTask;
        }));
    }

    async Task WriteMarkersAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < workload.PointReads; i++)
        {
            await _records.MarkBatchCommittedAsync(workload.Marker(MarkerRun, i), cancellationToken);
            await _baselineStore.MarkBatchCommittedAsync(workload.Marker(MarkerRun, i), cancellationToken);
        }
    }

    Task<StorageBenchTrial> AdapterPointReadAsync(int repetition, CancellationToken _)
    {
        var order = workload.ReadOrder(repetition);
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            foreach (var i in order)
            {
                if (await _records.GetBatchAsync(MarkerRun, i, ct) is null)
                {
                    throw new InvalidOperationException($"Batch marker {i} is missing; the benchmark is void.");
                }
            }
        }));
    }

    Task<StorageBenchTrial> RawPointReadAsync(int repetition, CancellationToken _)
    {
        var order = workload.ReadOrder(repetition);
        return Task.FromResult(new StorageBenchTrial(_ =>
        {
            StorageBenchSqlite.ReadMarkers(_raw, MarkerRun, order);
            return Task.CompletedTask;
        }));
    }
    public async ValueTask DisposeAsync()
    {
        _raw?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools(); // the adapter's pooled connections hold the database file open
        _folder.Delete(recursive: true);
    }
}

using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DataEngine.Azure.Blobs;
using DataEngine.Azure.Records;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using DataEngine.Local.Emulators;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The Azure adapters (AzureBlobStore, CosmosRecordStore) on Azurite and the Cosmos DB emulator, started here and
/// stopped at the end, registered as the app registers them; beside the SDKs used directly with the adapters' block
/// size, uploads in flight and request parallelism, on the same bytes, documents and containers.
/// </summary>
sealed class StorageBenchAzure(StorageBenchWorkload workload) : IStorageBenchTarget
{
    const string MarkerRun = "bench-markers";
    const string RawContainer = "bench-raw";

    EmulatorHost? _host;
    ServiceProvider? _services;
    CosmosClient? _rawCosmos;
    IBlobStore _blobs = null!;
    IRecordStore _records = null!;
    StorageBenchPorts _ports = null!;
    AzureBlobStorageOptions _blobOptions = null!;
    CosmosRecordsOptions _cosmosOptions = null!;
    BlobContainerClient _rawBlobs = null!;

    public async Task<object> StartAsync(CancellationToken cancellationToken)
    {
        _host = await EmulatorHost.StartAsync(new EmulatorOptions(), cancellationToken);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{AzureBlobStorageOptions.Section}:ConnectionString"] = _host.StorageConnectionString,
                [$"{CosmosRecordsOptions.SectionName}:ConnectionString"] = _host.CosmosConnectionString,
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDataEngineAzureBlobs(configuration);
        services.AddDataEngineCosmosRecords(configuration);
        _services = services.BuildServiceProvider();
        _blobs = _services.GetRequiredService<IBlobStore>();
        _records = _services.GetRequiredService<IRecordStore>();
        _ports = new StorageBenchPorts(workload, _blobs, _records);
        _blobOptions = _services.GetRequiredService<IOptions<AzureBlobStorageOptions>>().Value;
        _cosmosOptions = _services.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value;

        // The adapter creates its database and containers at first use; the baselines write into the same ones.
        _ = await _records.GetRunAsync(MarkerRun, cancellationToken);

        _rawBlobs = new BlobServiceClient(_host.StorageConnectionString).GetBlobContainerClient(RawContainer);
        await _rawBlobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // The adapter's client settings for an emulator (CosmosRecordsClient), with the SDK's own serializer.
        _rawCosmos = new CosmosClient(_host.CosmosConnectionString, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            ServerCertificateCustomValidationCallback = (_, _, _) => true,
            EnableContentResponseOnWrite = false,
            SerializerOptions = new CosmosSerializationOptions { PropertyNamingPolicy = CosmosPropertyNamingPolicy.CamelCase },
        });
        return new
        {
            blobs = "AzureBlobStore on Azurite",
            records = "CosmosRecordStore on the Cosmos DB emulator",
            blockBytes = _blobOptions.BlockSizeBytes,
            blockUploadsInFlight = _blobOptions.BlockUploadsInFlight,
            maxParallelRequests = _cosmosOptions.MaxParallelRequests,
            blobEndpoint = _host.BlobEndpoint.ToString(),
            cosmosEndpoint = _host.CosmosEndpoint.ToString(),
        };
    }

    public IEnumerable<StorageBenchCase> Cases()
    {
        var transfer = $"{_blobOptions.BlockSizeBytes >> 20} MB blocks, {_blobOptions.BlockUploadsInFlight} in flight";
        var parallel = $"at most {_cosmosOptions.MaxParallelRequests} requests in flight";
        yield return new StorageBenchCase(
            "blobWrite", $"{workload.Blobs} blobs written one after another, {transfer}", "megabytesPerSecond", workload.BlobMegabytesPerRun,
            new StorageBenchSide("BlobClient.UploadAsync of the bytes with the same transfer options", RawWriteAsync),
            new StorageBenchSide("IBlobStore.WriteAsync, content streamed in 1 MB writes", _ports.WriteAsync));
        yield return new StorageBenchCase(
            "blobRead", $"{workload.Blobs} blobs streamed to the end into a 1 MB buffer, one after another", "megabytesPerSecond", workload.BlobMegabytesPerRun,
            new StorageBenchSide("BlobClient.DownloadStreamingAsync", RawReadAsync),
            new StorageBenchSide("IBlobStore.OpenReadAsync", _ports.ReadAsync),
            WriteReadBlobsAsync);
        yield return new StorageBenchCase(
            "recordUpsert", $"{workload.Items} item records of a new run, {workload.ItemsPerCall} per call, {parallel}", "upsertsPerSecond", workload.Items,
            new StorageBenchSide("Container.UpsertItemAsync of the same documents, Parallel.ForEachAsync", RawUpsertAsync),
            new StorageBenchSide("IRecordStore.UpsertItemsAsync", _ports.UpsertAsync));
        yield return new StorageBenchCase(
            "pointRead", $"{workload.PointReads} batch markers read by id and partition key, {parallel}", "readsPerSecond", workload.PointReads,
            new StorageBenchSide("Container.ReadItemAsync, Parallel.ForEachAsync", RawPointReadAsync),
            new StorageBenchSide("IRecordStore.GetBatchAsync, Parallel.ForEachAsync", AdapterPointReadAsync),
            WriteMarkersAsync);
    }

    /// <summary>Azurite's and the Cosmos DB emulator's CPU: on this machine they share the cores with the client.</summary>
    public double? ServerCpuSeconds() => _host?.ProcessIds.Sum(pid =>
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        return process.TotalProcessorTime.TotalSeconds;
    });

    ParallelOptions Bounded(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _cosmosOptions.MaxParallelRequests, CancellationToken = cancellationToken };

    BlobClient RawBlob(string folder, int i) => _rawBlobs.GetBlobClient($"{folder}/blob-{i}");

    Task<StorageBenchTrial> RawWriteAsync(int repetition, CancellationToken _) => Task.FromResult(new StorageBenchTrial(
        async ct =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await RawUploadAsync(RawBlob($"r{repetition}", i), ct);
            }
        },
        async () =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                await RawBlob($"r{repetition}", i).DeleteIfExistsAsync();
            }
        }));

    async Task RawUploadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(workload.Content, writable: false);
        await blob.UploadAsync(content, new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = _blobOptions.BlockSizeBytes,
                MaximumTransferSize = _blobOptions.BlockSizeBytes,
                MaximumConcurrency = _blobOptions.BlockUploadsInFlight,
            },
        }, cancellationToken);
    }

    async Task WriteReadBlobsAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < workload.Blobs; i++)
        {
            await _blobs.WriteAsync(StorageBenchPorts.Blob("read", i), workload.WriteContentAsync, null, cancellationToken);
            await RawUploadAsync(RawBlob("read", i), cancellationToken);
        }
    }

    Task<StorageBenchTrial> RawReadAsync(int repetition, CancellationToken _)
    {
        var buffer = new byte[1 << 20];
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            for (var i = 0; i < workload.Blobs; i++)
            {
                var blob = RawBlob("read", i);
                BlobDownloadStreamingResult download = await blob.DownloadStreamingAsync(cancellationToken: ct);
                await using var stream = download.Content;
                await workload.DrainAsync(stream, buffer, blob.Name, ct);
            }
        }));
    }

    Task<StorageBenchTrial> RawUpsertAsync(int repetition, CancellationToken _)
    {
        var calls = workload.ItemCalls($"bench-r{repetition}").Select(call => call.Select(RawItem.From).ToArray()).ToArray();
        var container = _rawCosmos!.GetContainer(_cosmosOptions.DatabaseName, _cosmosOptions.ItemsContainer);
        return Task.FromResult(new StorageBenchTrial(async ct =>
        {
            foreach (var call in calls)
            {
                await Parallel.ForEachAsync(call, Bounded(ct), async (item, token) =>
                    await container.UpsertItemAsync(item, new PartitionKeyBuilder().Add(item.Dataset).Add(item.RunId).Add(item.Id).Build(), cancellationToken: token));
            }
        }));
    }

    Task WriteMarkersAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, workload.PointReads), Bounded(cancellationToken), async (i, token) =>
            await _records.MarkBatchCommittedAsync(workload.Marker(MarkerRun, i), token));

    Task<StorageBenchTrial> AdapterPointReadAsync(int repetition, CancellationToken _)
    {
        var order = workload.ReadOrder(repetition);
        return Task.FromResult(new StorageBenchTrial(ct => Parallel.ForEachAsync(order, Bounded(ct), async (i, token) =>
        {
            if (await _records.GetBatchAsync(MarkerRun, i, token) is null)
            {
                throw new InvalidOperationException($"Batch marker {i} is missing; the benchmark is void.");
            }
        })));
    }

    Task<StorageBenchTrial> RawPointReadAsync(int repetition, CancellationToken _)
    {
        var order = workload.ReadOrder(repetition);
        var container = _rawCosmos!.GetContainer(_cosmosOptions.DatabaseName, _cosmosOptions.RunsContainer);
        return Task.FromResult(new StorageBenchTrial(ct => Parallel.ForEachAsync(order, Bounded(ct), async (i, token) =>
        {
            RawMarker marker = await container.ReadItemAsync<RawMarker>($"batch-{i}", new PartitionKey(MarkerRun), cancellationToken: token);
            if (marker.BatchIndex != i)
            {
                throw new InvalidOperationException($"Read batch marker {marker.BatchIndex} for {i}; the benchmark is void.");
            }
        })));
    }

    public async ValueTask DisposeAsync()
    {
        _rawCosmos?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync(); // stops both emulators and waits until their processes are gone
        }
    }

    /// <summary>An item document as a plain SDK user would write it (camelCase by the SDK's serializer), with the adapter's id and key.</summary>
    sealed record RawItem(
        string Id, string Dataset, string RunId, string ItemId, string Source, long Position, long Ordinal, string State,
        string? Rule, double? RuleValue, string? Reason, string? DedupKey, string? DuplicateOf, double SampleKey)
    {
        public static RawItem From(ItemRecord item) => new(
            $"{item.RunId}|{item.ItemId}", item.Dataset, item.RunId, item.ItemId, item.Source, item.Position, item.Ordinal,
            item.State.ToString().ToLowerInvariant(), item.Rule, item.RuleValue, item.Reason, item.DedupKey, item.DuplicateOf, item.SampleKey);
    }

    /// <summary>The fields of a batch marker document the read checks.</summary>
    sealed record RawMarker(string Id, int BatchIndex, int Items, DateTimeOffset CommittedAt);
}

using DataEngine.Contracts.Emulators;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using DataEngine.Azure.Blobs;
using DataEngine.Azure.Tests.Emulators;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>What the Azure store does beyond the port's contract, checked on Azurite through the SDK directly.</summary>
[Collection("emulators")]
public sealed class AzureBlobStoreTests(EmulatorFixture emulators)
{
    [Fact]
    public async Task Blobs_of_a_run_in_work_and_curated_carry_its_run_id_and_raw_uploads_do_not()
    {
        var runId = $"run-{Guid.NewGuid():N}";
        var store = AzuriteStores.Create(emulators, new AzureBlobStorageOptions());
        var service = emulators.CreateBlobServiceClient();
        BlobRef[] blobs = [new(Containers.Work, $"{runId}/plan/00000.jsonl"), new(Containers.Curated, $"{runId}/report.json"), new(Containers.Raw, $"{runId}/upload.txt")];

        foreach (var blob in blobs)
        {
            await store.WriteAsync(blob, "{}"u8.ToArray());
        }

        // Large content takes the staged-block path: the commit carries the metadata too.
        var large = new BlobRef(Containers.Work, $"{runId}/batches/00000.survivors.jsonl");
        await store.WriteAsync(large, new byte[9 << 20]);

        foreach (var blob in blobs.Append(large))
        {
            var properties = await service.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).GetPropertiesAsync();
            var expected = blob.Container == Containers.Raw ? null : runId;
            Assert.Equal(expected, properties.Value.Metadata.TryGetValue(AzureBlobStore.RunIdMetadata, out var value) ? value : null);
            await store.DeleteAsync(blob);
        }
    }

    [Fact]
    public async Task A_container_is_created_by_its_first_write_once_however_many_writers_start_together_and_lists_in_pages()
    {
        var container = $"t-{Guid.NewGuid():N}";
        var counter = new RequestCounter();
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var store = AzuriteStores.Create(emulators, new AzureBlobStorageOptions { ListPageSize = 5 }, clientOptions);
        var service = emulators.CreateBlobServiceClient();
        try
        {
            Assert.Null(await store.GetInfoAsync(new BlobRef(container, "before.txt")));
            Assert.Equal(0, await CountAsync(store.ListAsync(container, "")));

            await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.WriteAsync(new BlobRef(container, $"parallel/{i}.txt"), new byte[i])));
            await store.WriteAsync(new BlobRef(container, "later.txt"), new byte[1]);

            Assert.True(await service.GetBlobContainerClient(container).ExistsAsync());
            Assert.Equal(1, counter.ContainerCreates);
            var listsBefore = counter.Lists;
            Assert.Equal(17, await CountAsync(store.ListAsync(container, "")));
            Assert.Equal(4, counter.Lists - listsBefore); // 5 + 5 + 5 + 2
        }
        finally
        {
            await service.GetBlobContainerClient(container).DeleteIfExistsAsync();
        }
    }

    static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }

    /// <summary>Counts the container-create and list requests a client sends.</summary>
    sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        int _containerCreates;
        int _lists;

        public int ContainerCreates => _containerCreates;

        public int Lists => _lists;

        public override void OnSendingRequest(HttpMessage message)
        {
            var query = message.Request.Uri.Query;
            if (message.Request.Method == RequestMethod.Put && query.Contains("restype=container", StringComparison.Ordinal) && !query.Contains("comp=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _containerCreates);
            }
            else if (message.Request.Method == RequestMethod.Get && query.Contains("comp=list", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _lists);
            }
        }
    }
}

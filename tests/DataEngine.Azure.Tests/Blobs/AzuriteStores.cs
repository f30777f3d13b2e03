using DataEngine.Contracts.Emulators;
using Azure.Storage.Blobs;
using DataEngine.Azure.Blobs;
using DataEngine.Azure.Tests.Emulators;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>Stores on the test Azurite, configured the way the DI registration configures them.</summary>
static class AzuriteStores
{
    public static AzureBlobStore Create(EmulatorFixture emulators, AzureBlobStorageOptions options, BlobClientOptions? clientOptions = null)
    {
        options.ConnectionString = emulators.Host.StorageConnectionString;
        clientOptions ??= new BlobClientOptions();
        options.ApplyTo(clientOptions);
        return new AzureBlobStore(new BlobServiceClient(options.ConnectionString, clientOptions), Options.Create(options));
    }
}

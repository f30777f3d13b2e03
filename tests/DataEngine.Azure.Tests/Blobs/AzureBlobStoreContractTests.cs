using DataEngine.Contracts.Emulators;
using DataEngine.Azure.Blobs;
using DataEngine.Azure.Tests.Emulators;
using DataEngine.Contracts;
using DataEngine.Core.Ports;
using Xunit.Abstractions;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>The blob store contract on <see cref="AzureBlobStore"/> against Azurite, listing in pages of 100 so paging is exercised.</summary>
[Collection("emulators")]
public sealed class AzureBlobStoreContractTests(EmulatorFixture emulators, ITestOutputHelper output) : BlobStoreContract(output)
{
    protected override Task<IBlobStore> CreateStoreAsync() =>
        Task.FromResult<IBlobStore>(AzuriteStores.Create(emulators, new AzureBlobStorageOptions { ListPageSize = 100 }));
}

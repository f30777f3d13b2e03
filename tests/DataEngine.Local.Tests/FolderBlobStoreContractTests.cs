using DataEngine.Contracts;
using DataEngine.Core.Ports;
using DataEngine.Local.Blobs;
using Xunit.Abstractions;

namespace DataEngine.Local.Tests;

/// <summary>The blob store contract on the embedded folder store, each test in its own temporary folder.</summary>
[Collection(BlobStoreAloneCollection.Name)]
public sealed class FolderBlobStoreContractTests(ITestOutputHelper output) : BlobStoreContract(output)
{
    string? _root;

    protected override Task<IBlobStore> CreateStoreAsync()
    {
        _root = Directory.CreateTempSubdirectory("dataengine-blobs-").FullName;
        return Task.FromResult<IBlobStore>(new FolderBlobStore(_root));
    }

    protected override Task DisposeStoreAsync()
    {
        if (_root is not null)
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }
}

namespace DataEngine.Local.Tests;

/// <summary>
/// Runs the blob store contract after the other tests, alone: its large-blob test counts the process's allocations,
/// which tests running beside it would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BlobStoreAloneCollection
{
    public const string Name = "blob store, alone";
}

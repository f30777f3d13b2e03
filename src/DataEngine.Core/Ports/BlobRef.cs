namespace DataEngine.Core.Ports;

/// <summary>A blob's address: a container ("raw", "work", "curated", "quarantine") and a name within it ("mail/part-1.jsonl").</summary>
public readonly record struct BlobRef(string Container, string Name)
{
    public override string ToString() => $"{Container}/{Name}";
}

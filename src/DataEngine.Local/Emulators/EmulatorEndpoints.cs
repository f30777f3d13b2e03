namespace DataEngine.Local.Emulators;

/// <summary>The loopback endpoints of running emulators and the well-known credentials that go with them.</summary>
public sealed record EmulatorEndpoints(int BlobPort, int QueuePort, int TablePort, int CosmosPort)
{
    /// <summary>Azurite's well-known development account (the same as the Azure Storage emulator's).</summary>
    public const string StorageAccountName = "devstoreaccount1";
    public const string StorageAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Cosmos DB emulator's well-known key; the server accepts any key, clients need a valid one.</summary>
    public const string WellKnownCosmosKey =
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{StorageAccountName}");
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{StorageAccountName}");
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{StorageAccountName}");

    public string StorageConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccountName};AccountKey={StorageAccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>HTTPS with a self-signed certificate: clients must accept it (Gateway mode, LimitToEndpoint).</summary>
    public Uri CosmosEndpoint => new($"https://127.0.0.1:{CosmosPort}/");
    public string CosmosKey => WellKnownCosmosKey;

    /// <summary>With <c>DisableServerCertificateValidation=True</c>, which Microsoft.Azure.Cosmos honours for emulators.</summary>
    public string CosmosConnectionString =>
        $"AccountEndpoint={CosmosEndpoint};AccountKey={CosmosKey};DisableServerCertificateValidation=True;";
}

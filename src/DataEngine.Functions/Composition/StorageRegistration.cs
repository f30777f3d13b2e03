using DataEngine.Azure.Blobs;
using DataEngine.Azure.Records;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Functions.Composition;

/// <summary>Registers the blob and record store adapters the Functions app runs on: DataEngine.Azure's, as the CLI's Azure profile does.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// <see cref="IBlobStore"/> on Azure Blob Storage (<c>DataEngine:Storage</c>, else <c>AzureWebJobsStorage</c>) and
    /// <see cref="IRecordStore"/> on Cosmos DB (<c>DataEngine:Cosmos</c>). Both validate their options when the host starts,
    /// so missing settings stop the app at start-up with an error naming the keys, not the first upload inside an activity.
    /// </summary>
    public static IServiceCollection AddDataEngineStorage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDataEngineAzureBlobs(configuration).AddDataEngineCosmosRecords(configuration);
}

using Azure.Identity;
using Azure.Storage.Blobs;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Blobs;

/// <summary>Registers the Azure Blob Storage adapter: <see cref="IBlobStore"/> as a singleton <see cref="AzureBlobStore"/>.</summary>
public static class AzureBlobRegistration
{
    /// <summary>The name of the engine's <see cref="BlobServiceClient"/> in <see cref="IAzureClientFactory{TClient}"/>.</summary>
    public const string ClientName = "DataEngine.Blobs";

    /// <summary>
    /// Binds <see cref="AzureBlobStorageOptions"/> from <c>DataEngine:Storage</c> (falling back to <c>AzureWebJobsStorage</c>),
    /// validated at start-up, and registers the blob client through <c>AddAzureClients</c>: from the connection string when
    /// there is one, else from the blob endpoint with <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// </summary>
    public static IServiceCollection AddDataEngineAzureBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AzureBlobStorageOptions>()
            .Bind(configuration.GetSection(AzureBlobStorageOptions.Section))
            .Configure(options => UseFunctionsStorageUnlessSet(options, configuration.GetSection("AzureWebJobsStorage")))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddAzureClients(clients => clients
            .AddClient<BlobServiceClient, BlobClientOptions>((clientOptions, credential, provider) =>
            {
                var options = provider.GetRequiredService<IOptions<AzureBlobStorageOptions>>().Value;
                options.ApplyTo(clientOptions);
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new BlobServiceClient(options.BlobEndpoint, credential, clientOptions)
                    : new BlobServiceClient(options.ConnectionString, clientOptions);
            })
            .WithName(ClientName)
            .WithCredential(provider => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = provider.GetRequiredService<IOptions<AzureBlobStorageOptions>>().Value.ManagedIdentityClientId,
            })));

        services.TryAddSingleton(provider => new AzureBlobStore(
            provider.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(ClientName),
            provider.GetRequiredService<IOptions<AzureBlobStorageOptions>>()));
        services.Replace(ServiceDescriptor.Singleton<IBlobStore>(provider => provider.GetRequiredService<AzureBlobStore>()));
        return services;
    }

    /// <summary>
    /// The Functions host's own storage setting, when the engine's is absent: <c>AzureWebJobsStorage</c> as a connection
    /// string, or its identity-based form (<c>AzureWebJobsStorage__blobServiceUri</c>, <c>__clientId</c>).
    /// </summary>
    static void UseFunctionsStorageUnlessSet(AzureBlobStorageOptions options, IConfigurationSection functions)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) || options.BlobEndpoint is not null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(functions.Value))
        {
            options.ConnectionString = functions.Value;
        }
        else if (Uri.TryCreate(functions["blobServiceUri"], UriKind.Absolute, out var endpoint))
        {
            options.BlobEndpoint = endpoint;
            options.ManagedIdentityClientId ??= functions["clientId"];
        }
    }
}

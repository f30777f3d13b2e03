using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using DataEngine.Azure.Blobs;
using DataEngine.Core.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Tests.Blobs;

/// <summary>The DI registration: which settings make which client, and what a missing setting says at start-up.</summary>
public sealed class AzureBlobRegistrationTests
{
    static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddDataEngineAzureBlobs(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    static BlobServiceClient Client(IServiceProvider provider) =>
        provider.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(AzureBlobRegistration.ClientName);

    [Fact]
    public void Without_any_storage_setting_start_up_fails_naming_the_keys_to_set()
    {
        using var provider = Build([]);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("DataEngine:Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", failure.Message, StringComparison.Ordinal);
        Assert.Contains("DataEngine:Storage:BlobEndpoint", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataEngine:Storage:BlobEndpoint", "ftp://account.example/", "is not an absolute http(s) URI")]
    [InlineData("DataEngine:Storage:MaxRetries", "50", "MaxRetries")]
    [InlineData("DataEngine:Storage:RetryDelay", "00:05:00", "RetryDelay")]
    [InlineData("DataEngine:Storage:BlockSizeBytes", "10", "BlockSizeBytes")]
    public void A_bad_setting_fails_start_up_naming_it(string key, string value, string said)
    {
        using var provider = Build(new() { ["DataEngine:Storage:ConnectionString"] = "UseDevelopmentStorage=true", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(said, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataEngine:Storage:ConnectionString")]
    [InlineData("AzureWebJobsStorage")]
    public void A_connection_string_makes_a_shared_key_client_and_one_store_for_the_process(string key)
    {
        using var provider = Build(new() { [key] = "UseDevelopmentStorage=true" });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IBlobStore>();

        Assert.IsType<AzureBlobStore>(store);
        Assert.Same(store, provider.GetRequiredService<IBlobStore>());
        Assert.Same(store, provider.GetRequiredService<AzureBlobStore>());
        var client = Client(provider);
        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.True(client.CanGenerateAccountSasUri);
    }

    [Theory]
    [InlineData("DataEngine:Storage:BlobEndpoint")]
    [InlineData("AzureWebJobsStorage:blobServiceUri")]
    public void A_blob_endpoint_alone_makes_a_managed_identity_client(string key)
    {
        using var provider = Build(new() { [key] = "https://dataengineprod.blob.core.windows.net" });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var client = Client(provider);

        Assert.Equal(new Uri("https://dataengineprod.blob.core.windows.net"), client.Uri);
        Assert.Equal("dataengineprod", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri); // a token credential, no account key
        Assert.IsType<AzureBlobStore>(provider.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public void The_engine_setting_wins_over_the_functions_host_setting()
    {
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["DataEngine:Storage:BlobEndpoint"] = "https://dataengineprod.blob.core.windows.net",
        });

        Assert.Equal("dataengineprod", Client(provider).AccountName);
    }

    [Fact]
    public async Task The_registered_client_retries_as_configured()
    {
        var handler = new BlobFaultHandler((_, _) => HttpStatusCode.ServiceUnavailable);
        using var provider = Build(
            new()
            {
                ["DataEngine:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["DataEngine:Storage:MaxRetries"] = "3",
                ["DataEngine:Storage:RetryDelay"] = "00:00:00.005",
                ["DataEngine:Storage:MaxRetryDelay"] = "00:00:00.010",
            },
            services => services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.Transport = new HttpClientTransport(new HttpClient(handler)))));

        await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => provider.GetRequiredService<IBlobStore>().GetInfoAsync(new BlobRef(Containers.Raw, "a.txt")));

        Assert.Equal(4, handler.Count);
    }
}

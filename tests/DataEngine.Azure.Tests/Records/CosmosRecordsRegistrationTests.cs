using DataEngine.Azure.Records;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Azure.Tests.Records;

/// <summary>The DI registration of the Cosmos record store: which settings make which client, and what a bad setting says at start-up.</summary>
public sealed class CosmosRecordsRegistrationTests
{
    const string LocalConnection = "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;";

    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDataEngineCosmosRecords(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    static CosmosClient Client(IServiceProvider provider) => provider.GetRequiredKeyedService<CosmosClient>(CosmosRecordsServiceCollectionExtensions.ClientKey);

    [Theory]
    [InlineData(null, null)]
    [InlineData(LocalConnection, "https://account.documents.azure.com:443/")]
    public void Start_up_fails_unless_exactly_one_of_connection_string_and_account_endpoint_is_set(string? connection, string? endpoint)
    {
        using var provider = Build(new() { ["DataEngine:Cosmos:ConnectionString"] = connection, ["DataEngine:Cosmos:AccountEndpoint"] = endpoint });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("DataEngine:Cosmos:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.Contains("DataEngine:Cosmos:AccountEndpoint", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataEngine:Cosmos:ItemsContainer", "items/v2", "ItemsContainer")]
    [InlineData("DataEngine:Cosmos:ClaimsContainer", "runs", "different names")]
    [InlineData("DataEngine:Cosmos:ReviewAssignmentsContainer", "annotations", "different names")]
    [InlineData("DataEngine:Cosmos:ReviewLinksContainer", "", "ReviewLinksContainer")]
    [InlineData("DataEngine:Cosmos:ReviewLinksContainer", "links#1", "ReviewLinksContainer")]
    [InlineData("DataEngine:Cosmos:ReviewLinksContainer", "reviewTasks", "DataEngine:Cosmos:ReviewTasksContainer and DataEngine:Cosmos:ReviewLinksContainer name the same container 'reviewTasks'")]
    [InlineData("DataEngine:Cosmos:MaxParallelRequests", "0", "MaxParallelRequests")]
    [InlineData("DataEngine:Cosmos:RequestTimeout", "00:00:00", "RequestTimeout")]
    [InlineData("DataEngine:Cosmos:AccountEndpoint", "http://account.documents.azure.com/", "https")]
    public void A_bad_setting_fails_start_up_naming_it(string key, string value, string said)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key != "DataEngine:Cosmos:AccountEndpoint")
        {
            settings["DataEngine:Cosmos:ConnectionString"] = LocalConnection;
        }

        using var provider = Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(said, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_connection_string_makes_one_emulator_client_and_one_store_for_the_process()
    {
        using var provider = Build(new() { ["DataEngine:Cosmos:ConnectionString"] = LocalConnection, ["DataEngine:Cosmos:DatabaseName"] = "curation" });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var store = provider.GetRequiredService<IRecordStore>();
        Assert.IsType<CosmosRecordStore>(store);
        Assert.Same(store, provider.GetRequiredService<IRecordStore>());
        var reviews = provider.GetRequiredService<IReviewStore>();
        Assert.IsType<CosmosReviewStore>(reviews);
        Assert.Same(reviews, provider.GetRequiredService<IReviewStore>());
        Assert.Equal("curation", provider.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value.DatabaseName);

        var client = Client(provider);
        Assert.Equal(new Uri("https://127.0.0.1:8081/"), client.Endpoint);
        Assert.Equal(ConnectionMode.Gateway, client.ClientOptions.ConnectionMode);
        Assert.True(client.ClientOptions.LimitToEndpoint);
        Assert.NotNull(client.ClientOptions.ServerCertificateCustomValidationCallback);
        Assert.IsType<SystemTextJsonCosmosSerializer>(client.ClientOptions.Serializer);
    }

    [Fact]
    public void An_account_endpoint_makes_a_token_credential_client_that_checks_certificates_and_keeps_the_retry_settings()
    {
        using var provider = Build(new()
        {
            ["DataEngine:Cosmos:AccountEndpoint"] = "https://account.documents.azure.com:443/",
            ["DataEngine:Cosmos:MaxRetryAttemptsOnRateLimitedRequests"] = "4",
            ["DataEngine:Cosmos:MaxRetryWaitTimeOnRateLimitedRequests"] = "00:00:20",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var client = Client(provider);

        Assert.Equal(new Uri("https://account.documents.azure.com:443/"), client.Endpoint);
        Assert.Equal(ConnectionMode.Direct, client.ClientOptions.ConnectionMode);
        Assert.Null(client.ClientOptions.ServerCertificateCustomValidationCallback);
        Assert.Equal(4, client.ClientOptions.MaxRetryAttemptsOnRateLimitedRequests);
        Assert.Equal(TimeSpan.FromSeconds(20), client.ClientOptions.MaxRetryWaitTimeOnRateLimitedRequests);
    }
}

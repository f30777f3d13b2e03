using DataEngine.Azure.Blobs;
using DataEngine.Azure.Records;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Functions.Api;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Tests;

/// <summary>The app runs on DataEngine.Azure's adapters, and start-up fails early naming the settings it lacks, instead of the first upload failing inside an activity.</summary>
public sealed class CompositionTests
{
    /// <summary>A review-link signing key as an operator would configure one (the sample holds a placeholder, never a key).</summary>
    internal static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void TheSampleSettingsComposeTheAppOnTheBlobAndCosmosAdapters()
    {
        using var app = Compose(new(AppFolder.SampleSettings()) { ["DataEngine__Reviews__SigningKey"] = SigningKey });

        app.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<AzureBlobStore>(app.GetRequiredService<IBlobStore>());
        Assert.IsType<CosmosRecordStore>(app.GetRequiredService<IRecordStore>());
        Assert.Equal("dataengine", app.GetRequiredService<IOptions<CosmosRecordsOptions>>().Value.DatabaseName);
        // The worker creates trigger classes per invocation from the container: every dependency must resolve.
        ActivatorUtilities.CreateInstance<RawUploadTrigger>(app);
        ActivatorUtilities.CreateInstance<RawUploadQueueTrigger>(app);
        ActivatorUtilities.CreateInstance<ReviewFunctions>(app);
    }

    [Fact]
    public void TheSamplesPlaceholderSigningKeyStopsTheAppUntilARealKeyIsSet()
    {
        using var app = Compose(AppFolder.SampleSettings());

        var error = Assert.Throws<OptionsValidationException>(() => app.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(ReviewTokenOptions), error.OptionsType);
        Assert.Contains("DataEngine:Reviews:SigningKey", error.Message);
    }

    [Fact]
    public void WithoutStorageSettingsStartUpFailsNamingTheKeysToSet()
    {
        using var app = Compose([]);

        var error = Assert.Throws<AggregateException>(() => app.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", error.InnerExceptions.Select(e => e.Message));
        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("DataEngine:Storage:ConnectionString (or AzureWebJobsStorage)", messages);
        Assert.Contains("DataEngine__Storage__ConnectionString", messages);
        Assert.Contains("DataEngine:Cosmos:ConnectionString", messages);
        Assert.Contains("DataEngine:Cosmos:AccountEndpoint", messages);
        Assert.Contains("DataEngine:Reviews:SigningKey is empty", messages);
    }

    [Fact]
    public void TheHostsStorageSettingServesTheBlobsButCosmosMustBeNamed()
    {
        using var app = Compose(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["DataEngine__Reviews__SigningKey"] = SigningKey });

        var error = Assert.Throws<OptionsValidationException>(() => app.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(CosmosRecordsOptions), error.OptionsType);
        Assert.Contains("Set exactly one of DataEngine:Cosmos:ConnectionString (key auth, local) and DataEngine:Cosmos:AccountEndpoint (managed identity, Azure)", error.Message);
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("mail", "mail")]
    public void TheDefaultDatasetIsBoundFromSettings(string? setting, string expected) =>
        Assert.Equal(expected, Options(setting).Value.DefaultDataset);

    [Fact]
    public void AnInvalidDefaultDatasetFailsValidationNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options("My Data").Value);

        Assert.Contains("DataEngine:DefaultDataset 'My Data'", error.Message);
    }

    /// <summary>The app's services over app settings named as `func start` and Azure set them, "__" for ":".</summary>
    static ServiceProvider Compose(Dictionary<string, string> appSettings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(appSettings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":"), (string?)s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDataEngineApp(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    static IOptions<DataEngineOptions> Options(string? defaultDataset)
    {
        var settings = new Dictionary<string, string?>();
        if (defaultDataset is not null)
        {
            settings["DataEngine:DefaultDataset"] = defaultDataset;
        }

        return new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDataEngineFunctions()
            .BuildServiceProvider()
            .GetRequiredService<IOptions<DataEngineOptions>>();
    }
}

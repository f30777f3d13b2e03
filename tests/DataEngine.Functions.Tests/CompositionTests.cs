using DataEngine.Core.Ports;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Functions.Tests;

/// <summary>Start-up fails early and says why, instead of the first upload failing inside an activity.</summary>
public sealed class CompositionTests
{
    static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [Fact]
    public void WithoutStorageAdaptersStartUpFailsNamingTheMissingPorts()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddDataEngineStorage(NoSettings));

        Assert.Contains("IBlobStore or IRecordStore", error.Message);
        Assert.Contains("DataEngine.Azure adapters arrive with the Azure storage issue", error.Message);
    }

    [Fact]
    public void AdaptersRegisteredBeforehandAreKept()
    {
        var services = new ServiceCollection()
            .AddSingleton<IBlobStore, MemoryBlobStore>()
            .AddSingleton<IRecordStore, RunRecordStore>()
            .AddDataEngineStorage(NoSettings);

        Assert.IsType<MemoryBlobStore>(services.BuildServiceProvider().GetRequiredService<IBlobStore>());
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

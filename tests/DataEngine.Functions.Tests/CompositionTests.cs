using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using DataEngine.Core.Ports;
using DataEngine.Functions.Composition;
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
        var state = Directory.CreateTempSubdirectory("dataengine-functions-").FullName;
        var services = new ServiceCollection()
            .AddSingleton<IBlobStore>(new FolderBlobStore(Path.Combine(state, "blobs")))
            .AddSingleton<IRecordStore>(new SqliteRecordStore(Path.Combine(state, "records.db")))
            .AddDataEngineStorage(NoSettings);

        Assert.IsType<FolderBlobStore>(services.BuildServiceProvider().GetRequiredService<IBlobStore>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(state, recursive: true);
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

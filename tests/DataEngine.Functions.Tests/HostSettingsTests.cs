using System.Data.Common;
using System.Text.RegularExpressions;
using DataEngine.Local.Emulators;

namespace DataEngine.Functions.Tests;

/// <summary>What the Functions host reads beside the app: host.json, extensions.json, and the settings `func start` needs.</summary>
public sealed partial class HostSettingsTests
{
    [Fact]
    public void TheHostLoadsTheBlobQueueAndDurableExtensionsTheTriggersNeed()
    {
        var names = AppFolder.ReadJson(AppFolder.Output, "extensions.json").GetProperty("extensions").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("AzureStorageBlobs", names);
        Assert.Contains("AzureStorageQueues", names);
        Assert.Contains("DurableTask", names);
    }

    [Fact]
    public void HostJsonNamesTheTaskHubThroughASettingTheSampleDefines()
    {
        var durable = AppFolder.ReadJson(AppFolder.Output, "host.json").GetProperty("extensions").GetProperty("durableTask");
        var hubName = durable.GetProperty("hubName").GetString()!;
        var sample = AppFolder.SampleSettings();

        var setting = Assert.Single(SettingReference().Matches(hubName)).Groups[1].Value;
        Assert.True(sample.TryGetValue(setting, out var hub), $"host.json's hubName uses %{setting}%, which local.settings.sample.json should define.");
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub); // Azure Storage task hub names: letters and digits, 3-45, a letter first.
    }

    [Fact]
    public void TheHostHandsQueueMessagesOverUndecodedAndRetriesThemABoundedNumberOfTimes()
    {
        var queues = AppFolder.ReadJson(AppFolder.Output, "host.json").GetProperty("extensions").GetProperty("queues");

        // Event Grid Base64-encodes what it writes to a queue, a hand-posted message may be plain JSON: the function reads both.
        Assert.Equal("none", queues.GetProperty("messageEncoding").GetString());
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 2, 10);
    }

    [Fact]
    public void TheSampleSettingsRunTheIsolatedWorkerOnAzuriteAndTheCosmosEmulator()
    {
        var sample = AppFolder.SampleSettings();

        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", sample["AzureWebJobsStorage"]);
        Assert.Equal("dataengine", sample["DataEngine__Cosmos__DatabaseName"]);
        Assert.Equal("default", sample["DataEngine__DefaultDataset"]);

        var cosmos = new DbConnectionStringBuilder { ConnectionString = sample["DataEngine__Cosmos__ConnectionString"] };
        Assert.True(new Uri((string)cosmos["AccountEndpoint"]).IsLoopback);
        Assert.Equal(EmulatorEndpoints.WellKnownCosmosKey, cosmos["AccountKey"]);
    }

    [GeneratedRegex("^%([^%]+)%$")]
    private static partial Regex SettingReference();
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataEngine.Functions.Tests;

/// <summary>What the Functions host reads beside the app: host.json, extensions.json, and the settings `func start` needs.</summary>
public sealed partial class HostSettingsTests
{
    [Fact]
    public void TheHostLoadsTheBlobAndDurableExtensionsTheTriggersNeed()
    {
        var names = AppFolder.ReadJson(AppFolder.Output, "extensions.json").GetProperty("extensions").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("AzureStorageBlobs", names);
        Assert.Contains("DurableTask", names);
    }

    [Fact]
    public void HostJsonNamesTheTaskHubThroughASettingTheSampleDefines()
    {
        var durable = AppFolder.ReadJson(AppFolder.Output, "host.json").GetProperty("extensions").GetProperty("durableTask");
        var hubName = durable.GetProperty("hubName").GetString()!;
        var sample = Values();

        var setting = Assert.Single(SettingReference().Matches(hubName)).Groups[1].Value;
        Assert.True(sample.TryGetValue(setting, out var hub), $"host.json's hubName uses %{setting}%, which local.settings.sample.json should define.");
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub); // Azure Storage task hub names: letters and digits, 3-45, a letter first.
    }

    [Fact]
    public void TheSampleSettingsRunTheIsolatedWorkerOnTheStorageEmulator()
    {
        var sample = Values();

        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", sample["AzureWebJobsStorage"]);
    }

    static Dictionary<string, string> Values() =>
        AppFolder.ReadJson(AppFolder.Project, "local.settings.sample.json").GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);

    [GeneratedRegex("^%([^%]+)%$")]
    private static partial Regex SettingReference();
}

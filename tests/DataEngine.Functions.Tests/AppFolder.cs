using System.Reflection;
using System.Text.Json;

namespace DataEngine.Functions.Tests;

/// <summary>The Functions app's build output and project folders, as recorded by this project's build (see the .csproj).</summary>
static class AppFolder
{
    public static string Output => Recorded("FunctionsAppDirectory");

    public static string Project => Recorded("FunctionsProjectDirectory");

    /// <summary>The Bicep compiler the Azure.Bicep.CommandLine package restored.</summary>
    public static string Bicep => Recorded("BicepPath");

    /// <summary>The repository's infra folder (beside src/).</summary>
    public static string Infra => Path.GetFullPath(Path.Combine(Project, "..", "..", "infra"));

    public static JsonElement ReadJson(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        Assert.True(File.Exists(path), $"{path} should exist after DataEngine.Functions is built.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The "Values" of local.settings.sample.json: the app settings `func start` sets as environment variables.</summary>
    public static Dictionary<string, string> SampleSettings() =>
        ReadJson(Project, "local.settings.sample.json").GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);

    static string Recorded(string key) =>
        typeof(AppFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

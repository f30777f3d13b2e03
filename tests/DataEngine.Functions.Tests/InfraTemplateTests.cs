using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using DataEngine.Azure.Records;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Functions.Composition;
using DataEngine.Functions.Triggers;
using DataEngine.Models;
using DataEngine.Models.Foundation;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Functions.Tests;

/// <summary>
/// infra/*.bicep as a deployer meets it: it compiles and lints clean with the Bicep compiler, and it declares what the
/// code expects (the containers and queue it reads, the Cosmos containers keyed and indexed as the record store creates
/// them, every setting the app needs, secrets only as Key Vault references). It is never deployed from these tests.
/// </summary>
public sealed class InfraTemplateTests
{
    static readonly Lazy<JsonElement> Compiled = new(() => JsonDocument.Parse(Bicep("build", Path.Combine(AppFolder.Infra, "main.bicep"), "--stdout").Output).RootElement.Clone());

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("storage.bicep")]
    [InlineData("cosmos.bicep")]
    [InlineData("app.bicep")]
    public void Each_template_compiles_and_lints_without_a_warning(string file)
    {
        var (code, output, error) = Bicep("lint", Path.Combine(AppFolder.Infra, file));

        Assert.True(code == 0 && error.Trim().Length == 0, $"bicep lint {file}: exit {code}\n{output}\n{error}");
    }

    [Fact]
    public void The_cosmos_containers_are_keyed_and_indexed_as_the_record_store_creates_them()
    {
        var declared = Module("cosmos").GetProperty("variables").GetProperty("containers").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!);
        var expected = RecordContainers.Definitions(new CosmosRecordsOptions());

        Assert.Equal(expected.Select(c => c.Id).Order(), declared.Keys.Order());
        foreach (var container in expected)
        {
            var bicep = declared[container.Id];
            var key = bicep.GetProperty("partitionKey");
            Assert.Equal(container.PartitionKeyPaths, Strings(key.GetProperty("paths")));
            Assert.Equal(container.PartitionKeyPaths.Count > 1 ? "MultiHash" : "Hash", key.GetProperty("kind").GetString());
            Assert.Equal(container.DefaultTimeToLive, bicep.TryGetProperty("defaultTtl", out var ttl) ? ttl.GetInt32() : null);

            var index = bicep.GetProperty("indexingPolicy");
            Assert.Equal(container.IndexingPolicy.IncludedPaths.Select(p => p.Path).Order(), Paths(index, "includedPaths").Order());
            Assert.Equal(container.IndexingPolicy.ExcludedPaths.Select(p => p.Path).Order(), Paths(index, "excludedPaths").Order());
            var composites = index.TryGetProperty("compositeIndexes", out var c)
                ? c.EnumerateArray().Select(set => string.Join(",", set.EnumerateArray().Select(p => $"{p.GetProperty("path").GetString()} {p.GetProperty("order").GetString()}"))).ToList()
                : [];
            Assert.Equal(
                container.IndexingPolicy.CompositeIndexes.Select(set => string.Join(",", set.Select(p => $"{p.Path} {(p.Order == CompositePathSortOrder.Ascending ? "ascending" : "descending")}"))),
                composites);
        }
    }

    [Fact]
    public void Storage_has_the_containers_and_the_upload_queue_the_app_reads()
    {
        var parameters = Deployment("storage").GetProperty("properties").GetProperty("parameters");

        var containers = Strings(parameters.GetProperty("containers").GetProperty("value"));
        Assert.Contains(Containers.Raw, containers);
        Assert.Contains(Containers.Work, containers);
        Assert.Contains(Containers.Curated, containers);
        Assert.Equal(RawUploadQueueTrigger.QueueName, parameters.GetProperty("uploadQueue").GetProperty("value").GetString());

        // The Event Grid subscription puts the raw container's BlobCreated events on that queue.
        var subscription = Resources(Module("storage")).Single(r => r.GetProperty("type").GetString() == "Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var filter = subscription.GetProperty("properties").GetProperty("filter");
        Assert.Equal($"/blobServices/default/containers/{Containers.Raw}/", filter.GetProperty("subjectBeginsWith").GetString());
        Assert.Equal(["Microsoft.Storage.BlobCreated"], Strings(filter.GetProperty("includedEventTypes")));
    }

    [Fact]
    public void The_app_gets_every_setting_it_reads_and_its_secrets_only_as_key_vault_references()
    {
        var settings = AppSettings();

        // Every DataEngine setting names an option the app binds: a typo or a renamed option fails here, not at start-up in Azure.
        var sections = new Dictionary<string, Type[]>
        {
            ["Cosmos"] = [typeof(CosmosRecordsOptions)],
            ["Reviews"] = [typeof(ReviewTokenOptions), typeof(ReviewNotifierOptions)],
            ["Foundation"] = [typeof(FoundationModelOptions)],
            ["Models"] = [typeof(ModelsOptions)],
        };
        foreach (var name in settings.Keys.Where(k => k.StartsWith("DataEngine__", StringComparison.Ordinal)))
        {
            var parts = name.Split("__");
            var owners = parts.Length == 2 ? [typeof(DataEngineOptions)] : sections[parts[1]];
            Assert.True(owners.Any(t => t.GetProperty(parts[^1], BindingFlags.Public | BindingFlags.Instance) is not null), $"{name} names no option the app binds");
        }

        // What the local sample gives the app, the template gives too; the Cosmos key becomes the managed identity's endpoint.
        var sample = AppFolder.SampleSettings().Keys.Where(k => k.StartsWith("DataEngine", StringComparison.Ordinal))
            .Select(k => k == "DataEngine__Cosmos__ConnectionString" ? "DataEngine__Cosmos__AccountEndpoint" : k);
        Assert.Empty(sample.Except(settings.Keys));
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k.EndsWith("ConnectionString", StringComparison.Ordinal) && k.StartsWith("DataEngine", StringComparison.Ordinal));
        Assert.Equal("false", settings["DataEngine__Cosmos__CreateIfMissing"]);
        Assert.Equal("/api/review-page", settings["DataEngine__Reviews__PagePath"]);

        // The secret parameters reach the settings only as references to the vault (an optional one is tested for emptiness).
        foreach (var (setting, parameter) in new[] { ("DataEngine__Reviews__SigningKey", "reviewSigningKey"), ("DataEngine__Reviews__WebhookUrl", "reviewWebhookUrl"), ("DataEngine__Foundation__ApiKey", "foundationApiKey") })
        {
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings[setting]);
            Assert.DoesNotContain($"parameters('{parameter}')", settings[setting].Replace($"empty(parameters('{parameter}'))", "", StringComparison.Ordinal));
        }

        // The Durable Task hub name host.json reads (%DataEngineTaskHub%).
        Assert.Contains("%DataEngineTaskHub%", File.ReadAllText(Path.Combine(AppFolder.Project, "host.json")));
        Assert.Contains("DataEngineTaskHub", settings.Keys);
    }

    static Dictionary<string, string> AppSettings() =>
        Resources(Module("app")).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config")
            .GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    static JsonElement Deployment(string name) =>
        Compiled.Value.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    static JsonElement Module(string name) => Deployment(name).GetProperty("properties").GetProperty("template");

    /// <summary>A template's resources: an array, or an object keyed by symbolic name (language version 2.0).</summary>
    static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    static IEnumerable<string> Paths(JsonElement index, string property) =>
        index.TryGetProperty(property, out var paths) ? paths.EnumerateArray().Select(p => p.GetProperty("path").GetString()!) : [];

    static (int Code, string Output, string Error) Bicep(params string[] args)
    {
        var bicep = AppFolder.Bicep;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bicep) & UnixFileMode.UserExecute) == 0)
        {
            // Some package extractions drop the execute bit of the compiler the package ships.
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

using System.Text.Json;

namespace DataEngine.Functions.Tests;

/// <summary>
/// The functions the Functions host will index, read from the functions.metadata that the Worker SDK writes into the
/// app's output folder at build. `func start` cannot run here, so this is what the host would see.
/// </summary>
public sealed class FunctionsMetadataTests
{
    static readonly Lazy<JsonElement[]> Functions = new(Load);

    [Fact]
    public void BlobTriggerStartsRunsFromTheRawContainerThroughEventGrid()
    {
        var function = Function("OnRawUpload");
        var trigger = Binding(function, "blobTrigger");

        Assert.Equal("raw/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Binding(function, "durableClient");
    }

    [Fact]
    public void QueueTriggerStartsRunsFromBlobCreatedEventsOnTheRawUploadsQueue()
    {
        var function = Function("OnRawUploadEvent");
        var trigger = Binding(function, "queueTrigger");

        Assert.Equal("raw-uploads", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("in", trigger.GetProperty("direction").GetString()!.ToLowerInvariant());
        Binding(function, "durableClient");
    }

    [Fact]
    public void RunStatusIsAFunctionKeyGetOnRunsRunId()
    {
        var function = Function("GetRun");
        var trigger = Binding(function, "httpTrigger");

        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal("runs/{runId}", trigger.GetProperty("route").GetString());
        Assert.Equal("function", trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant());
        Binding(function, "durableClient");
    }

    static JsonElement Function(string name)
    {
        var matches = Functions.Value.Where(f => f.GetProperty("name").GetString() == name).ToList();
        Assert.True(matches.Count == 1, $"functions.metadata should hold one function '{name}'; it holds: {string.Join(", ", Functions.Value.Select(f => f.GetProperty("name").GetString()))}");
        return matches[0];
    }

    static JsonElement Binding(JsonElement function, string type)
    {
        var bindings = function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == type).ToList();
        Assert.True(bindings.Count == 1, $"function '{function.GetProperty("name").GetString()}' should have one {type} binding; it has {bindings.Count}.");
        return bindings[0];
    }

    static JsonElement[] Load() => AppFolder.ReadJson(AppFolder.Output, "functions.metadata").EnumerateArray().ToArray();
}

using DataEngine.Local.Emulators;
using Spectre.Console;

namespace DataEngine.Cli.Commands;

/// <summary>Prints the settings that point DataEngine (and any Azure tool) at running emulators.</summary>
static class EmulatorsCommandOutput
{
    public static void PrintSettings(EmulatorState state)
    {
        var e = state.Endpoints;
        AnsiConsole.MarkupLine("[grey]Connection settings (environment variables of DataEngine and the Functions host):[/]");
        // Plain writes: a console renderer would wrap long connection strings and break copy and paste.
        Console.WriteLine($"export DataEngine__Storage__ConnectionString='{e.StorageConnectionString}'");
        Console.WriteLine($"export AzureWebJobsStorage='{e.StorageConnectionString}'");
        Console.WriteLine($"export DataEngine__Cosmos__ConnectionString='{e.CosmosConnectionString}'");
        AnsiConsole.MarkupLine("[grey]Endpoints (Cosmos: HTTPS with a self-signed certificate; use Gateway mode and LimitToEndpoint):[/]");
        Console.WriteLine($"blob    {e.BlobEndpoint}");
        Console.WriteLine($"queue   {e.QueueEndpoint}");
        Console.WriteLine($"table   {e.TableEndpoint}");
        Console.WriteLine($"cosmos  {e.CosmosEndpoint}  key {e.CosmosKey}");
        foreach (var process in state.Processes)
            Console.WriteLine($"log     {process.Name}: {process.LogFile}");
        if (state.AzuriteDataDirectory is not null)
            Console.WriteLine($"data    azurite: {state.AzuriteDataDirectory} (the Cosmos DB server keeps its data in memory)");
    }
}

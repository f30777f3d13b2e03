using System.ComponentModel;
using System.Text.Json;
using DataEngine.Local.Emulators;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine emulators status`: whether the recorded emulators still run and answer, and how to reach them.</summary>
sealed class EmulatorsCommandStatus : AsyncCommand<EmulatorsCommandStatus.Settings>
{
    public sealed class Settings : EmulatorsCommandSettings
    {
        [CommandOption("--json")]
        [Description("Print the status as JSON on stdout.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        EmulatorStatus? status;
        try
        {
            status = await DetachedEmulators.GetStatusAsync(settings.State, cancellationToken);
        }
        catch (EmulatorException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 1;
        }
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(status, DetachedEmulators.Json));
            return status?.IsRunning == true ? 0 : 1;
        }
        if (status is null)
        {
            AnsiConsole.MarkupLineInterpolated($"The emulators are not running (no {DetachedEmulators.StateFile(settings.State)}); start them with `dataengine emulators start`.");
            return 1;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("emulator");
        table.AddColumn(new TableColumn("pid").RightAligned());
        table.AddColumn("process");
        table.AddColumn("HTTP");
        foreach (var p in status.Processes)
            table.AddRow(p.Name, p.Pid.ToString(), p.Alive ? "[green]alive[/]" : "[red]gone[/]", p.Ready ? "[green]ready[/]" : "[red]not answering[/]");
        AnsiConsole.Write(table);
        if (!status.IsRunning)
        {
            AnsiConsole.MarkupLine("[red]Not all emulators are running:[/] see the logs below; `dataengine emulators start` restarts them.");
            EmulatorsCommandOutput.PrintSettings(status.State);
            return 1;
        }
        EmulatorsCommandOutput.PrintSettings(status.State);
        return 0;
    }
}

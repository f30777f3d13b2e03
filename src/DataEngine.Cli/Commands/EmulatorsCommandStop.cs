using System.ComponentModel;
using DataEngine.Local.Emulators;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine emulators stop`: SIGTERM, a grace period, then SIGKILL for each recorded emulator.</summary>
sealed class EmulatorsCommandStop : AsyncCommand<EmulatorsCommandStop.Settings>
{
    public sealed class Settings : EmulatorsCommandSettings
    {
        [CommandOption("--grace <SECONDS>")]
        [Description("How long each emulator gets to exit after SIGTERM before it is killed.")]
        [DefaultValue(5)]
        public int Grace { get; init; } = 5;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        EmulatorState? stopped;
        try
        {
            stopped = await DetachedEmulators.StopAsync(settings.State, TimeSpan.FromSeconds(settings.Grace), cancellationToken);
        }
        catch (EmulatorException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 1;
        }
        if (stopped is null)
        {
            AnsiConsole.MarkupLineInterpolated($"The emulators are not running (no {DetachedEmulators.StateFile(settings.State)}).");
            return 0;
        }
        var pids = string.Join(", ", stopped.Processes.Select(p => $"{p.Name} pid {p.Pid}"));
        AnsiConsole.MarkupLineInterpolated($"Stopped the emulators ({pids}).");
        return 0;
    }
}

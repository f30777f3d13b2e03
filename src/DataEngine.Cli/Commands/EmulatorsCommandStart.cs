using System.ComponentModel;
using DataEngine.Local.Emulators;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine emulators start`: Azurite and the Cosmos DB server in the background, recorded in a state file.</summary>
sealed class EmulatorsCommandStart : AsyncCommand<EmulatorsCommandStart.Settings>
{
    public sealed class Settings : EmulatorsCommandSettings
    {
        [CommandOption("--emulators <DIR>")]
        [Description("The emulators folder (package.json, lock file, cosmos-server.js). Default: found above the current folder.")]
        public string? Emulators { get; init; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("How long both may take to answer once started.")]
        [DefaultValue(60)]
        public int Timeout { get; init; } = 60;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new EmulatorOptions
        {
            EmulatorsDirectory = settings.Emulators,
            StartTimeout = TimeSpan.FromSeconds(settings.Timeout),
        };
        AnsiConsole.MarkupLine("[grey]Starting Azurite and the Cosmos DB server (the first start installs their npm packages: about a minute)…[/]");
        EmulatorState state;
        bool alreadyRunning;
        try
        {
            (state, alreadyRunning) = await DetachedEmulators.StartAsync(options, settings.State, cancellationToken);
        }
        catch (EmulatorException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The emulators did not start:[/] {ex.Message}");
            return 1;
        }
        var pids = string.Join(", ", state.Processes.Select(p => $"{p.Name} pid {p.Pid}"));
        if (alreadyRunning)
            AnsiConsole.MarkupLineInterpolated($"[yellow]The emulators are already running[/] ({pids}; state {DetachedEmulators.StateFile(settings.State)}).");
        else
            AnsiConsole.MarkupLineInterpolated($"[green]The emulators are running in the background[/] ({pids}); stop them with `dataengine emulators stop`.");
        EmulatorsCommandOutput.PrintSettings(state);
        return 0;
    }
}

using System.ComponentModel;
using DataEngine.Local.Emulators;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>What every <c>dataengine emulators</c> command shares: where the state file lives.</summary>
class EmulatorsCommandSettings : CommandSettings
{
    [CommandOption("--state <DIR>")]
    [Description("Folder of the state file (emulators.json), the logs and Azurite's data. Default: out/.dataengine.")]
    public string State { get; init; } = DetachedEmulators.DefaultStateDirectory;
}

namespace DataEngine.Local.Emulators;

/// <summary>A detached emulator process as recorded in the state file: enough to find it again, and to tell it from a
/// later process that reuses its id.</summary>
public sealed record EmulatorProcessInfo(string Name, int Pid, DateTime StartedAtUtc, string? LogFile)
{
    public const string AzuriteName = "azurite";
    public const string CosmosName = "cosmos";

    // Allowed gap between two readings of a process's start time (computed from boot time and clock ticks).
    static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

    /// <summary>True while this very process runs: the id is alive, started when recorded, and runs an emulator script.</summary>
    public bool IsRunning()
    {
        if (!ProcessControl.IsAlive(Pid))
            return false;
        if (ProcessControl.StartTimeUtc(Pid) is not { } started || (started - StartedAtUtc).Duration() > StartTimeTolerance)
            return false;
        var commandLine = ProcessControl.CommandLine(Pid);
        return commandLine is null || commandLine.Contains(Name == AzuriteName ? "azurite" : EmulatorsFolder.CosmosScript, StringComparison.Ordinal);
    }
}

namespace DataEngine.Local.Emulators;

/// <summary>Detached emulators as found now: each process alive or not, and answering HTTP or not.</summary>
public sealed record EmulatorStatus(EmulatorState State, IReadOnlyList<EmulatorProcessStatus> Processes)
{
    public bool IsRunning => Processes.All(p => p.Alive && p.Ready);
}

/// <summary>One detached emulator process as found now.</summary>
public sealed record EmulatorProcessStatus(string Name, int Pid, bool Alive, bool Ready);

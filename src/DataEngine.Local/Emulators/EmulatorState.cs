namespace DataEngine.Local.Emulators;

/// <summary>What <c>dataengine emulators start</c> records about the emulators it left running.</summary>
public sealed record EmulatorState(
    EmulatorEndpoints Endpoints,
    IReadOnlyList<EmulatorProcessInfo> Processes,
    string EmulatorsDirectory,
    string? AzuriteDataDirectory,
    DateTimeOffset StartedAt);

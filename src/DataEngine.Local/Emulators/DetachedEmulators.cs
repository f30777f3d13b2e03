using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataEngine.Local.Emulators;

/// <summary>
/// Emulators that outlive the command that started them (<c>dataengine emulators start|status|stop</c>): their ids,
/// ports and connection strings live in <c>{state}/emulators.json</c>, their output in <c>{state}/emulators/*.log</c>,
/// Azurite's data in <c>{state}/emulators/azurite</c> (kept across restarts; the Cosmos DB server's is in memory).
/// </summary>
public static class DetachedEmulators
{
    public const string StateFileName = "emulators.json";
    public static readonly string DefaultStateDirectory = Path.Combine("out", ".dataengine");

    /// <summary>How the state file is written: readable, keys and connection strings unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string StateFile(string stateDirectory) => Path.Combine(Path.GetFullPath(stateDirectory), StateFileName);

    /// <summary>Starts both unless they already run; stale state (a crashed emulator) is cleaned up first.</summary>
    public static async Task<(EmulatorState State, bool AlreadyRunning)> StartAsync(
        EmulatorOptions options, string stateDirectory, CancellationToken ct = default)
    {
        var directory = Path.GetFullPath(stateDirectory);
        using var held = await LockAsync(directory, options.InstallTimeout + options.StartTimeout, ct);
        if (await ReadStateAsync(directory, ct) is { } existing)
        {
            if ((await ProbeAsync(existing, ct)).IsRunning)
                return (existing, true);
            await StopProcessesAsync(existing, options.StopGracePeriod, ct);
            File.Delete(StateFile(directory));
        }

        var work = Path.Combine(directory, "emulators");
        options = options with { AzuriteDataDirectory = options.AzuriteDataDirectory ?? Path.Combine(work, "azurite") };
        var host = await EmulatorHost.LaunchAsync(options, logDirectory: work, ct);
        var state = new EmulatorState(host.Endpoints, host.ProcessInfos(), host.EmulatorsDirectory,
            Path.GetFullPath(options.AzuriteDataDirectory), DateTimeOffset.UtcNow);
        try
        {
            await WriteStateAsync(directory, state, ct);
        }
        catch
        {
            await host.StopAsync(CancellationToken.None);
            throw;
        }
        host.Detach();
        return (state, false);
    }

    /// <summary>The recorded emulators, probed now; null when none were started (no state file).</summary>
    public static async Task<EmulatorStatus?> GetStatusAsync(string stateDirectory, CancellationToken ct = default) =>
        await ReadStateAsync(Path.GetFullPath(stateDirectory), ct) is { } state ? await ProbeAsync(state, ct) : null;

    /// <summary>Stops the recorded emulators (SIGTERM, grace, SIGKILL) and removes the state file; returns what it
    /// stopped, or null when no state file was there.</summary>
    public static async Task<EmulatorState?> StopAsync(string stateDirectory, TimeSpan grace, CancellationToken ct = default)
    {
        var directory = Path.GetFullPath(stateDirectory);
        using var held = await LockAsync(directory, TimeSpan.FromMinutes(11), ct);
        if (await ReadStateAsync(directory, ct) is not { } state)
            return null;
        await StopProcessesAsync(state, grace, ct);
        File.Delete(StateFile(directory));
        return state;
    }

    static async Task<EmulatorStatus> ProbeAsync(EmulatorState state, CancellationToken ct)
    {
        using var probe = new ReadinessProbe();
        var statuses = new List<EmulatorProcessStatus>();
        foreach (var process in state.Processes)
        {
            var alive = process.IsRunning();
            var ready = alive && (process.Name == EmulatorProcessInfo.AzuriteName
                ? await probe.AzuriteReadyAsync(state.Endpoints, ct)
                : await probe.CosmosReadyAsync(state.Endpoints, ct));
            statuses.Add(new EmulatorProcessStatus(process.Name, process.Pid, alive, ready));
        }
        return new EmulatorStatus(state, statuses);
    }

    static async Task StopProcessesAsync(EmulatorState state, TimeSpan grace, CancellationToken ct) =>
        // Only processes that are still the recorded ones: an id reused since must not be signalled.
        await Task.WhenAll(state.Processes.Where(p => p.IsRunning()).Select(p => ProcessControl.StopAsync(p.Pid, grace, ct)));

    static async Task<EmulatorState?> ReadStateAsync(string directory, CancellationToken ct)
    {
        var path = StateFile(directory);
        if (!File.Exists(path))
            return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<EmulatorState>(stream, Json, ct)
                ?? throw new EmulatorException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new EmulatorException($"{path} is not a state file of `dataengine emulators start` ({ex.Message}); delete it.", ex);
        }
    }

    static async Task WriteStateAsync(string directory, EmulatorState state, CancellationToken ct)
    {
        var path = StateFile(directory);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
            await JsonSerializer.SerializeAsync(stream, state, Json, ct);
        File.Move(temporary, path, overwrite: true);
    }

    static Task<FileLock> LockAsync(string directory, TimeSpan timeout, CancellationToken ct) =>
        FileLock.AcquireAsync(Path.Combine(directory, "emulators.lock"), timeout, "starting or stopping the emulators", ct);
}

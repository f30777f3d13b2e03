using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Emulators;

/// <summary>
/// Azurite (Blob, Queue, Table) and a Cosmos DB NoSQL server running on loopback, installed from npm with the lock
/// file in the emulators folder. <see cref="StartAsync"/> installs them when needed, starts both on free ports and
/// returns once both answer HTTP; disposing stops them (SIGTERM, a grace period, then SIGKILL). If this process dies
/// first they exit by themselves (emulators/supervise.js).
/// </summary>
public sealed partial class EmulatorHost : IAsyncDisposable
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    readonly EmulatorProcess _azurite;
    readonly EmulatorProcess _cosmos;
    readonly TimeSpan _grace;
    readonly ILogger? _logger;
    readonly Lock _stopLock = new();
    Task? _stopping;
    bool _detached;

    EmulatorHost(EmulatorProcess azurite, EmulatorProcess cosmos, EmulatorEndpoints endpoints, string folder,
        EmulatorOptions options)
    {
        _azurite = azurite;
        _cosmos = cosmos;
        Endpoints = endpoints;
        EmulatorsDirectory = folder;
        _grace = options.StopGracePeriod;
        _logger = options.Logger;
    }

    public EmulatorEndpoints Endpoints { get; }
    public string EmulatorsDirectory { get; }

    /// <summary>Azurite's development account with its Blob, Queue and Table endpoints.</summary>
    public string StorageConnectionString => Endpoints.StorageConnectionString;
    public Uri BlobEndpoint => Endpoints.BlobEndpoint;
    public Uri QueueEndpoint => Endpoints.QueueEndpoint;
    public Uri TableEndpoint => Endpoints.TableEndpoint;

    /// <summary>HTTPS with a self-signed certificate; use Gateway mode and <c>LimitToEndpoint</c>.</summary>
    public Uri CosmosEndpoint => Endpoints.CosmosEndpoint;
    public string CosmosKey => Endpoints.CosmosKey;
    public string CosmosConnectionString => Endpoints.CosmosConnectionString;

    public int AzuritePid => _azurite.Id;
    public int CosmosPid => _cosmos.Id;
    public IReadOnlyList<int> ProcessIds => [_azurite.Id, _cosmos.Id];

    /// <summary>The last lines each emulator wrote, to explain a failing request.</summary>
    public string RecentOutput() => _azurite.Describe() + "\n" + _cosmos.Describe();

    public static Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken ct = default) =>
        LaunchAsync(options, logDirectory: null, ct);

    /// <summary>Starts both; with a log directory they are detached (see <see cref="DetachedEmulators"/>).</summary>
    internal static async Task<EmulatorHost> LaunchAsync(EmulatorOptions options, string? logDirectory, CancellationToken ct)
    {
        var folder = EmulatorsFolder.Locate(options.EmulatorsDirectory);
        var node = await NodeToolchain.FindAsync(options, ct);
        await NpmInstaller.EnsureInstalledAsync(folder, node, options, ct);

        var location = options.AzuriteDataDirectory is null ? null : Path.GetFullPath(options.AzuriteDataDirectory);
        if (location is not null)
            Directory.CreateDirectory(location);

        var started = Stopwatch.StartNew();
        EmulatorProcess? azurite = null;
        EmulatorProcess? cosmos = null;
        try
        {
            azurite = EmulatorProcess.Start("Azurite", node, folder, AzuriteArguments(options, location),
                logDirectory is null ? null : Path.Combine(logDirectory, "azurite.log"));
            cosmos = EmulatorProcess.Start("Cosmos DB server", node, folder,
                [EmulatorsFolder.CosmosScript, "--host", "127.0.0.1", "--port", options.CosmosPort.ToString(CultureInfo.InvariantCulture)],
                logDirectory is null ? null : Path.Combine(logDirectory, "cosmos.log"));
            var endpoints = await WaitUntilReadyAsync(azurite, cosmos, options.StartTimeout, ct);
            options.Logger?.LogInformation(
                "Emulators ready in {Ms} ms: Azurite (pid {AzuritePid}) blob {Blob}, Cosmos DB server (pid {CosmosPid}) {Cosmos}",
                started.ElapsedMilliseconds, azurite.Id, endpoints.BlobEndpoint, cosmos.Id, endpoints.CosmosEndpoint);
            return new EmulatorHost(azurite, cosmos, endpoints, folder, options);
        }
        catch
        {
            foreach (var process in new[] { azurite, cosmos })
            {
                if (process is null)
                    continue;
                await process.StopAsync(options.StopGracePeriod, CancellationToken.None);
                process.Dispose();
            }
            throw;
        }
    }

    static List<string> AzuriteArguments(EmulatorOptions options, string? location)
    {
        List<string> arguments =
        [
            EmulatorsFolder.AzuriteScript,
            "--blobHost", "127.0.0.1", "--blobPort", options.BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", options.QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", options.TablePort.ToString(CultureInfo.InvariantCulture),
            // Longer than a .NET connection pool keeps a connection idle (1 min), so the client always closes first.
            "--blobKeepAliveTimeout", "120", "--queueKeepAliveTimeout", "120", "--tableKeepAliveTimeout", "120",
            // The SDKs send a newer x-ms-version than Azurite knows (DESIGN.md).
            "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        ];
        // In memory unless a folder is given (Azurite refuses both); in memory it writes no file at all.
        arguments.AddRange(location is null ? ["--inMemoryPersistence"] : ["--location", location]);
        return arguments;
    }

    static async Task<EmulatorEndpoints> WaitUntilReadyAsync(
        EmulatorProcess azurite, EmulatorProcess cosmos, TimeSpan timeout, CancellationToken ct)
    {
        using var probe = new ReadinessProbe();
        var waited = Stopwatch.StartNew();
        (int Blob, int Queue, int Table)? azuritePorts = null;
        int? cosmosPort = null;
        bool azuriteReady = false, cosmosReady = false;
        while (true)
        {
            foreach (var process in new[] { azurite, cosmos })
            {
                if (process.HasExited)
                {
                    await process.DrainOutputAsync(TimeSpan.FromSeconds(5));
                    throw new EmulatorException($"{process.Name} stopped before it was ready: {process.Describe()}");
                }
            }
            azuritePorts ??= AzuritePorts(azurite.Output());
            cosmosPort ??= CosmosPort(cosmos.Output());
            if (azuritePorts is { } a && cosmosPort is { } c)
            {
                var endpoints = new EmulatorEndpoints(a.Blob, a.Queue, a.Table, c);
                azuriteReady = azuriteReady || await probe.AzuriteReadyAsync(endpoints, ct);
                cosmosReady = cosmosReady || await probe.CosmosReadyAsync(endpoints, ct);
                if (azuriteReady && cosmosReady)
                    return endpoints;
            }
            if (waited.Elapsed >= timeout)
            {
                var late = new[] { (azurite, azuriteReady), (cosmos, cosmosReady) }.Where(p => !p.Item2).Select(p => p.Item1.Describe());
                throw new EmulatorException(
                    $"The emulators did not answer HTTP within {timeout.TotalSeconds:0} s:\n{string.Join('\n', late)}");
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at https?://[^\s]+:(\d+)")]
    private static partial Regex AzuriteListening();

    [GeneratedRegex(@"Cosmos DB server listening at https://[^\s]+:(\d+)/")]
    private static partial Regex CosmosListening();

    static (int, int, int)? AzuritePorts(IReadOnlyList<string> output)
    {
        var ports = new Dictionary<string, int>();
        foreach (var line in output)
        {
            var match = AzuriteListening().Match(line);
            if (match.Success)
                ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return ports.TryGetValue("Blob", out var blob) && ports.TryGetValue("Queue", out var queue) && ports.TryGetValue("Table", out var table)
            ? (blob, queue, table)
            : null;
    }

    static int? CosmosPort(IReadOnlyList<string> output)
    {
        foreach (var line in output)
        {
            var match = CosmosListening().Match(line);
            if (match.Success)
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return null;
    }

    internal IReadOnlyList<EmulatorProcessInfo> ProcessInfos() =>
    [
        new(EmulatorProcessInfo.AzuriteName, _azurite.Id, _azurite.StartedAtUtc, _azurite.LogFile),
        new(EmulatorProcessInfo.CosmosName, _cosmos.Id, _cosmos.StartedAtUtc, _cosmos.LogFile),
    ];

    /// <summary>Lets go of the processes without stopping them (they were started detached).</summary>
    internal void Detach()
    {
        _detached = true;
        _azurite.Dispose();
        _cosmos.Dispose();
    }

    /// <summary>Stops both emulators and waits until their processes are gone; safe to call more than once.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        lock (_stopLock)
            return _stopping ??= StopCoreAsync();
    }

    async Task StopCoreAsync()
    {
        if (_detached)
            return;
        var killed = await Task.WhenAll(
            _azurite.StopAsync(_grace, CancellationToken.None),
            _cosmos.StopAsync(_grace, CancellationToken.None));
        if (killed[0] || killed[1])
            _logger?.LogWarning("An emulator did not exit within {Grace} s of SIGTERM and was killed", _grace.TotalSeconds);
        _azurite.Dispose();
        _cosmos.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

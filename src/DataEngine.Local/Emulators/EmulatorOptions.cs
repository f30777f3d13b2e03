using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Emulators;

/// <summary>Where to find the emulators and Node.js, which ports to use, and how long to wait for them.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The folder holding <c>package.json</c>, the lock file and <c>cosmos-server.js</c>. Default: the
    /// <c>emulators</c> folder found walking up from the current directory, then from the application's folder.</summary>
    public string? EmulatorsDirectory { get; init; }

    /// <summary>The <c>node</c> executable. Default: the first on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>The <c>npm</c> executable, needed only when the packages must be installed. Default: the first on PATH.</summary>
    public string? NpmPath { get; init; }

    /// <summary>Azurite's Blob, Queue and Table ports, and the Cosmos DB server's; 0 lets the system pick a free one.</summary>
    public int BlobPort { get; init; }
    public int QueuePort { get; init; }
    public int TablePort { get; init; }
    public int CosmosPort { get; init; }

    /// <summary>Where Azurite keeps its data across restarts. Default: in memory, nothing written to disk.
    /// The Cosmos DB server always keeps its data in memory.</summary>
    public string? AzuriteDataDirectory { get; init; }

    /// <summary>How long both emulators may take to answer HTTP once started.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>npm ci</c> may take, and how long to wait for another process's install to finish.</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a stopped emulator gets to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Progress messages (installing, started, stopped) and the emulators' own failures.</summary>
    public ILogger? Logger { get; init; }
}

namespace DataEngine.Cli.Bench;

/// <summary>One family of storage implementations under `bench storage`: started once, measured case by case, then disposed.</summary>
interface IStorageBenchTarget : IAsyncDisposable
{
    /// <summary>Starts what the adapters need and describes it (for the JSON output).</summary>
    Task<object> StartAsync(CancellationToken cancellationToken);

    IEnumerable<StorageBenchCase> Cases();

    /// <summary>CPU seconds used so far by the server processes on this machine (the emulators), or null when there are none.</summary>
    double? ServerCpuSeconds();
}

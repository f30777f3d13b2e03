using System.Threading.Channels;
using DataEngine.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace DataEngine.Cli.Serve;

/// <summary>
/// The local stand-in for an upload to Blob Storage: a file dropped in the inbox folder starts a run of it, as an
/// upload to the raw container does in Azure. Files already there at start are runs too (a run that completed before
/// is found by its id and not repeated). A file is taken once its size and time stop changing, so a copy still in
/// progress is not read half-written. Pipeline config files are not input. Runs go one at a time, in arrival order.
/// </summary>
sealed class InboxWatcher : IAsyncDisposable
{
    static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(500);

    readonly string _folder;
    readonly Func<string, CancellationToken, Task> _run;
    readonly ILogger _log;
    readonly FileSystemWatcher _watcher;
    readonly Channel<string> _arrivals = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    /// <param name="run">Runs one settled file; its failures are logged and the watcher goes on.</param>
    public InboxWatcher(string folder, Func<string, CancellationToken, Task> run, ILogger log)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
        _run = run;
        _log = log;
        _watcher = new FileSystemWatcher(_folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite };
        _watcher.Created += (_, e) => Arrived(e.FullPath);
        _watcher.Renamed += (_, e) => Arrived(e.FullPath);
        _watcher.EnableRaisingEvents = true;
        foreach (var existing in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Arrived(existing);
        }

        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public string Folder => _folder;

    void Arrived(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || CompiledPipeline.IsConfigFile(name))
        {
            return;
        }

        _arrivals.Writer.TryWrite(path);
    }

    async Task LoopAsync(CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, (long Length, DateTime Written)>(StringComparer.Ordinal);
        await foreach (var path in _arrivals.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                if (!await SettledAsync(path, cancellationToken))
                {
                    continue;
                }

                var info = new FileInfo(path);
                if (seen.TryGetValue(path, out var before) && before == (info.Length, info.LastWriteTimeUtc))
                {
                    continue; // the same file announced twice (created, then written)
                }

                seen[path] = (info.Length, info.LastWriteTimeUtc);
                await _run(path, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "The run of {File} failed: {Message}", path, ex.Message);
            }
        }
    }

    /// <summary>True once the file exists and its length and write time are the same twice, <see cref="SettleInterval"/> apart.</summary>
    static async Task<bool> SettledAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var before = new FileInfo(path);
            if (!before.Exists)
            {
                return false;
            }

            await Task.Delay(SettleInterval, cancellationToken);
            var after = new FileInfo(path);
            if (after.Exists && after.Length == before.Length && after.LastWriteTimeUtc == before.LastWriteTimeUtc)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _arrivals.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

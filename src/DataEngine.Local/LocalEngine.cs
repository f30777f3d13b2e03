using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Local.Durable;
using DataEngine.Local.Reviews;
using DataEngine.Workflows;
using DataEngine.Workflows.Orchestrators;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local;

/// <summary>
/// The whole engine on one machine: the workflows on the in-process durable host, with their ports either embedded
/// (folder blobs and SQLite records under <c>{out}/.dataengine</c>, the default) or given by the caller (the Azure
/// adapters on the emulators). Curated output ends in <c>{out}/{runId}</c>. Local input is "uploaded" into the raw
/// container first, as an upload to Blob Storage starts a run in Azure.
/// </summary>
public sealed class LocalEngine : IAsyncDisposable
{
    readonly LocalDurableHost _host;
    readonly bool _curatedInOutFolder;

    LocalEngine(LocalDurableHost host, string outFolder, bool curatedInOutFolder)
    {
        _host = host;
        _curatedInOutFolder = curatedInOutFolder;
        OutFolder = outFolder;
        Blobs = host.Services.GetRequiredService<IBlobStore>();
        Records = host.Services.GetRequiredService<IRecordStore>();
    }

    public string OutFolder { get; }

    public IBlobStore Blobs { get; }

    public IRecordStore Records { get; }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    /// <summary>Where orchestration state lives (in memory, or the Azure Storage provider).</summary>
    public OrchestrationBackend Durable => _host.Backend;

    /// <summary>Starts the engine with its output (and, embedded, its state) in <paramref name="outFolder"/>.</summary>
    /// <param name="configureServices">Extra registrations after the defaults (tests use it to wrap a port).</param>
    /// <param name="storage">Registers the blob and record ports; null for the embedded folder and SQLite stores.</param>
    /// <param name="durable">Where orchestration state lives; null for in memory.</param>
    /// <param name="configuration">Settings for review links and notifications (<c>DataEngine:Reviews</c>); without a signing key
    /// the engine makes one in its state folder.</param>
    public static async Task<LocalEngine> StartAsync(
        string outFolder,
        ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? configureServices = null,
        Action<IServiceCollection>? storage = null,
        OrchestrationBackendFactory? durable = null,
        CancellationToken cancellationToken = default,
        IConfiguration? configuration = null)
    {
        var fullOut = Path.GetFullPath(outFolder);
        var reviews = ReviewConfiguration(StateFolder(fullOut), configuration);
        var host = await LocalDurableHost.StartAsync(
            registry => registry.AddDataEngineTasks(),
            services =>
            {
                if (storage is null)
                {
                    services.AddLocalStorage(StateFolder(fullOut), curatedFolder: fullOut);
                }
                else
                {
                    storage(services);
                }

                services.AddDataEngineWorkflows();
                configureServices?.Invoke(services);

                // Locally, assignments are logged (the review page lists them) unless a webhook is configured.
                services.TryAddSingleton<LoggedReviewNotifier>();
                if (string.IsNullOrWhiteSpace(reviews[$"{ReviewNotifierOptions.Section}:{nameof(ReviewNotifierOptions.WebhookUrl)}"]))
                {
                    services.TryAddSingleton<IReviewNotifier>(provider => provider.GetRequiredService<LoggedReviewNotifier>());
                }

                services.AddDataEngineReviewNotifications(reviews);
            },
            backend: durable,
            loggerFactory: loggerFactory,
            cancellationToken: cancellationToken);
        return new LocalEngine(host, fullOut, curatedInOutFolder: storage is null);
    }

    /// <summary>The caller's settings over a local default signing key, kept in the state folder.</summary>
    static IConfiguration ReviewConfiguration(string stateFolder, IConfiguration? configuration)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ReviewTokenOptions.Section}:{nameof(ReviewTokenOptions.SigningKey)}"] = LocalSigningKey.LoadOrCreate(stateFolder),
        });
        if (configuration is not null)
        {
            builder.AddConfiguration(configuration);
        }

        return builder.Build();
    }

    /// <summary>Where the engine keeps its local state (embedded stores, emulator settings) under an output folder.</summary>
    public static string StateFolder(string outFolder) => Path.Combine(Path.GetFullPath(outFolder), ".dataengine");

    /// <summary>
    /// Copies a local file or folder into the raw container (unchanged files are skipped, files gone from the input
    /// are removed) and returns the blob prefix that holds it. Pipeline config files are not input and are skipped.
    /// </summary>
    public async Task<string> UploadAsync(string inputPath, string dataset, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(inputPath);
        var isFolder = Directory.Exists(full);
        if (!isFolder && !File.Exists(full))
        {
            throw new FileNotFoundException($"Input '{inputPath}' is neither a file nor a folder.", inputPath);
        }

        var name = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        var pathHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..8];
        var prefix = $"{dataset}/{name}-{pathHash}/";
        var files = isFolder
            ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(f => (Path: f, Name: Path.GetRelativePath(full, f).Replace(Path.DirectorySeparatorChar, '/')))
            : [(full, name)];

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, relative) in files)
        {
            if (CompiledPipeline.IsConfigFile(relative))
            {
                continue;
            }

            var blob = new BlobRef(Containers.Raw, prefix + relative);
            wanted.Add(blob.Name);
            await CopyIfChangedAsync(path, blob, cancellationToken);
        }

        await foreach (var stale in Blobs.ListAsync(Containers.Raw, prefix, cancellationToken))
        {
            if (!wanted.Contains(stale.Ref.Name))
            {
                await Blobs.DeleteAsync(stale.Ref, cancellationToken);
            }
        }

        return prefix;
    }

    /// <summary>
    /// Runs the pipeline over <paramref name="inputPath"/>. A run with the same input and pipeline that already completed
    /// is found by its id and not run again; one that was interrupted resumes, skipping committed batches.
    /// </summary>
    /// <param name="review">Whether batches wait for their human reviews (someone answers on the review page) or leave them pending.</param>
    public async Task<RunOutcome> RunAsync(
        string inputPath, PipelineConfig config, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default,
        ReviewMode review = ReviewMode.Defer)
    {
        var prefix = await UploadAsync(inputPath, config.Dataset, cancellationToken);
        var starter = Services.GetRequiredService<RunStarter>();
        var runId = await starter.RunIdForAsync(prefix, config, cancellationToken);
        if (await Records.GetRunAsync(runId, cancellationToken) is { Status: RunStatus.Completed }
            && await ReportJson.ReadAsync(Blobs, runId, cancellationToken) is { } previous)
        {
            return new RunOutcome(runId, previous, AlreadyCompleted: true, await ExportAsync(runId, cancellationToken));
        }

        // An orchestration still in the durable backend's history (the process running it was stopped or killed)
        // carries on from that history; otherwise a new one starts, and skips batches the record store marks committed.
        var existing = await Client.GetInstanceAsync(runId, cancellationToken);
        var resumed = existing is { IsCompleted: false };
        var request = await starter.PrepareAsync(runId, prefix, config, cancellationToken, review);
        var report = await RunOrchestrationAsync(request, progress, cancellationToken);
        return new RunOutcome(runId, report, AlreadyCompleted: false, await ExportAsync(runId, cancellationToken))
        {
            ResumedFromHistory = resumed,
        };
    }

    /// <summary>
    /// Puts a run's curated files and report in <c>{out}/{runId}</c>: already there with the embedded stores; downloaded
    /// from the curated container otherwise. Returns the folder.
    /// </summary>
    public async Task<string> ExportAsync(string runId, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(OutFolder, runId);
        if (_curatedInOutFolder)
        {
            return folder;
        }

        await foreach (var blob in Blobs.ListAsync(Containers.Curated, RunPaths.CuratedPrefix(runId), cancellationToken))
        {
            var target = Path.Combine(OutFolder, blob.Ref.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = await Blobs.OpenReadAsync(blob.Ref, cancellationToken: cancellationToken);
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken);
        }

        return folder;
    }

    /// <summary>Schedules the run orchestration and waits for it, reporting its progress as it goes.</summary>
    public async Task<RunReport> RunOrchestrationAsync(RunRequest request, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var existing = await Client.GetInstanceAsync(request.RunId, cancellationToken);
        if (existing is null || existing.IsCompleted)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(RunOrchestrator), request, new StartOrchestrationOptions(request.RunId), cancellationToken);
        }

        while (true)
        {
            // Wait for completion in short slices: the run's end is seen at once, and progress is read between slices.
            OrchestrationMetadata? state;
            using (var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                slice.CancelAfter(TimeSpan.FromMilliseconds(250));
                try
                {
                    state = await Client.WaitForInstanceCompletionAsync(request.RunId, getInputsAndOutputs: true, slice.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    state = await Client.GetInstanceAsync(request.RunId, getInputsAndOutputs: true, cancellationToken);
                }
            }

            if (state is null)
            {
                throw new InvalidOperationException($"Run '{request.RunId}' vanished from the durable host.");
            }

            if (state.SerializedCustomStatus is not null && state.ReadCustomStatusAs<RunProgress>() is { } status)
            {
                progress?.Report(status);
            }

            switch (state.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    return state.ReadOutputAs<RunReport>() ?? throw new InvalidOperationException($"Run '{request.RunId}' completed without a report.");
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    throw new RunFailedException(request.RunId, state.FailureDetails?.ErrorMessage ?? state.RuntimeStatus.ToString());
            }
        }
    }

    async Task CopyIfChangedAsync(string path, BlobRef blob, CancellationToken cancellationToken)
    {
        // A quick check like rsync's: the same size, and uploaded after the file last changed. An unchanged input keeps
        // its blobs, and so their ETags, and so its run id. Blob Storage keeps whole seconds, so compare at that grain
        // (a same-size edit within the second of an upload goes unseen, as with rsync on coarse clocks).
        var source = new FileInfo(path);
        var changed = source.LastWriteTimeUtc.AddTicks(-(source.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond));
        if (await Blobs.GetInfoAsync(blob, cancellationToken) is { } existing
            && existing.Length == source.Length && existing.LastModified >= changed)
        {
            return;
        }

        await using var stream = source.OpenRead();
        await Blobs.WriteAsync(blob, stream, cancellationToken);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>How a local run ended: its report, and whether it had already completed before this call.</summary>
public sealed record RunOutcome(string RunId, RunReport Report, bool AlreadyCompleted, string OutputFolder)
{
    /// <summary>The run's orchestration was found unfinished in the durable backend's history and carried on from there.</summary>
    public bool ResumedFromHistory { get; init; }
}

/// <summary>The run's orchestration failed as a whole (a failed batch alone never causes this: it is quarantined).</summary>
public sealed class RunFailedException(string runId, string error) : Exception($"Run '{runId}' failed: {error}")
{
    public string RunId { get; } = runId;
}

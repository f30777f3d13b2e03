using System.ComponentModel;
using System.Runtime.InteropServices;
using DataEngine.Cli.Profiles;
using DataEngine.Cli.Serve;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Core.Runs;
using DataEngine.Local;
using DataEngine.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine run`: one durable curation run of a local file or folder on the embedded engine.</summary>
sealed class RunCommand : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<input>")]
        [Description("File or folder to curate (folders are read recursively). Formats by extension: .jsonl/.ndjson, .txt/.md, .html/.htm, .eml, each also as .gz.")]
        public string Input { get; init; } = "";

        [CommandOption("-c|--config <FILE>")]
        [Description("Pipeline config (YAML or JSON). Default: pipeline.yaml in the input folder if present, else built-in Gopher rules and exact dedup.")]
        public string? Config { get; init; }

        [CommandOption("-o|--out <DIR>")]
        [Description("Output folder: curated data and report go to <out>/<runId>/, engine state to <out>/.dataengine/.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("--dataset <NAME>")]
        [Description("Dataset name (overrides the config's). Exact dedup spans all runs of a dataset.")]
        public string? Dataset { get; init; }

        [CommandOption("--batch-size <N>")]
        [Description("Items per batch (overrides the config's batching.batch_size).")]
        public int? BatchSize { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Batches in flight at once (overrides batching.max_parallel_batches).")]
        public int? Parallel { get; init; }

        [CommandOption("-p|--profile <PROFILE>")]
        [Description("Where data is kept: embedded (a folder and SQLite under --out) or local-azure (Azurite and the Cosmos DB emulator through the Azure adapters; start them with `dataengine emulators start`).")]
        [DefaultValue(EngineProfiles.Embedded)]
        public string Profile { get; init; } = EngineProfiles.Embedded;

        [CommandOption("--review <MODE>")]
        [Description("Items the cascade sends to people: 'defer' (finish with the model label, low trust, and leave the reviews open for `dataengine serve`) or 'web' (serve the review page and wait for the answers).")]
        [DefaultValue("defer")]
        public string Review { get; init; } = "defer";

        [CommandOption("--port <N>")]
        [Description("With --review web: the loopback port of the review page (0 picks a free one).")]
        [DefaultValue(7071)]
        public int Port { get; init; } = 7071;

        [CommandOption("-v|--verbose")]
        [Description("Log the durable host's and workflows' messages to stderr.")]
        public bool Verbose { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        PipelineConfig config;
        try
        {
            config = ConfigFor(settings);
        }
        catch (PipelineConfigException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Pipeline config error:[/] {ex.Message}");
            return 2;
        }

        if (!File.Exists(settings.Input) && !Directory.Exists(settings.Input))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Input '{settings.Input}' does not exist.[/]");
            return 2;
        }

        if (!EngineProfiles.Names.Contains(settings.Profile))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Unknown profile '{settings.Profile}': use {string.Join(" or ", EngineProfiles.Names)}.[/]");
            return 2;
        }

        if (settings.Review is not ("defer" or "web"))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Unknown review mode '{settings.Review}': use defer or web.[/]");
            return 2;
        }

        var web = settings.Review == "web";
        var port = settings.Port == 0 ? ReviewWebHost.FreePort() : settings.Port;
        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            if (settings.Verbose)
            {
                logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
                logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);
                logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        });

        LocalEngine engine;
        try
        {
            engine = await EngineLauncher.StartAsync(
                settings.Profile, settings.Out, loggerFactory, cancellationToken, web ? ReviewWebHost.BaseUrlFor(port) : null);
        }
        catch (InvalidOperationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }

        await using var _ = engine;
        ReviewWebHost? host = null;
        if (web)
        {
            try
            {
                host = await ReviewWebHost.StartAsync(engine, port, loggerFactory, cancellationToken);
            }
            catch (IOException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Cannot serve the review page on 127.0.0.1:{port}: {ex.Message} Pick another --port (0 for any free one).[/]");
                return 2;
            }

            if (config.Reviews.Reviewers.Count == 0)
            {
                AnsiConsole.MarkupLine("[yellow]The pipeline names no reviewers (reviews.reviewers): no item will be sent for review.[/]");
            }

            foreach (var reviewer in config.Reviews.Reviewers.Distinct(StringComparer.Ordinal))
            {
                AnsiConsole.MarkupLineInterpolated($"review page for {reviewer}: [link]{host.PageUrl(reviewer)}[/]");
            }

            AnsiConsole.MarkupLine("[grey]Batches with items for review wait for their answers (or the deadline) before they commit.[/]");
        }

        await using var __ = host;
        RunOutcome outcome;
        try
        {
            outcome = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progressContext =>
                {
                    var bar = progressContext.AddTask("planning", maxValue: 1);
                    var progress = new SyncProgress<RunProgress>(p =>
                    {
                        bar.Description = p.Phase == "filtering" ? $"batches {p.BatchesDone}/{p.Batches}, items {p.ItemsDone:N0}/{p.Items:N0}" : p.Phase;
                        bar.MaxValue = Math.Max(1, p.Items);
                        bar.Value = p.Phase is "finalizing" or "completed" ? bar.MaxValue : p.ItemsDone;
                    });
                    var result = await engine.RunAsync(settings.Input, config, progress, cancellationToken, web ? ReviewMode.Wait : ReviewMode.Defer);
                    bar.Value = bar.MaxValue;
                    bar.Description = result.AlreadyCompleted ? "already done" : "done";
                    return result;
                });
        }
        catch (RunFailedException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 1;
        }

        Summary.Print(outcome);
        var pending = outcome.Report.Annotations.Sum(t => t.Human - t.Reviewed);
        if (pending > 0 && !web)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"{pending:N0} reviews are open: answer them on the review page of `dataengine serve --out {settings.Out}` ({ReviewWebHost.BaseUrlFor(7071)}review?reviewer={config.Reviews.Reviewers[0]}); each answer replaces the model label in this run's labels.");
        }

        if (web && outcome.AlreadyCompleted)
        {
            return await ServeOpenReviewsAsync(engine, config, outcome, cancellationToken);
        }

        return 0;
    }

    /// <summary>
    /// `run --review web` on an input that a deferred run finished already: that run is not started again (runs are
    /// identified by their input and pipeline), so the page serves its open reviews until they are all answered (each
    /// answer replaces the model label in the run's output, report included) or Ctrl+C.
    /// </summary>
    static async Task<int> ServeOpenReviewsAsync(LocalEngine engine, PipelineConfig config, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var open = await OpenReviewsAsync(engine, config, outcome.RunId, cancellationToken);
        if (open == 0)
        {
            return 0;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AnsiConsole.MarkupLineInterpolated(
            $"This input was curated already by run {outcome.RunId}, which finished without waiting for its reviews: {open:N0} are open on the page above. Each answer replaces the model label in its output; waiting for them (Ctrl+C stops).");
        try
        {
            while (open > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                open = await OpenReviewsAsync(engine, config, outcome.RunId, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLineInterpolated($"stopped: {open:N0} reviews of run {outcome.RunId} are still open (`dataengine serve` answers them later)");
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated($"every review of run {outcome.RunId} is answered: labels and report.json updated in {await engine.ExportAsync(outcome.RunId, cancellationToken)}");
        return 0;
    }

    /// <summary>Open assignments of the run, over everyone the pipeline may assign (its pool and its escalation list).</summary>
    static async Task<int> OpenReviewsAsync(LocalEngine engine, PipelineConfig config, string runId, CancellationToken cancellationToken)
    {
        var reviews = engine.Services.GetRequiredService<IReviewStore>();
        var open = 0;
        foreach (var reviewer in config.Reviews.Reviewers.Concat(config.Reviews.EscalateTo).Distinct(StringComparer.Ordinal))
        {
            ReviewCursor? after = null;
            do
            {
                var page = await reviews.ListOpenAssignmentsAsync(reviewer, config.Dataset, after, pageSize: 500, cancellationToken);
                open += page.Assignments.Count(a => a.RunId == runId);
                after = page.Next;
            }
            while (after is not null);
        }

        return open;
    }

    static PipelineConfig ConfigFor(Settings settings)
    {
        var path = settings.Config;
        if (path is null && Directory.Exists(settings.Input))
        {
            path = CompiledPipeline.ConfigFileNames
                .Select(name => Path.Combine(settings.Input, name))
                .FirstOrDefault(File.Exists);
        }

        var config = path is null
            ? DefaultPipeline.For(settings.Dataset ?? DatasetName(settings.Input))
            : PipelineConfigLoader.LoadFile(path);
        config = config with
        {
            Dataset = settings.Dataset ?? config.Dataset,
            Batching = config.Batching with
            {
                BatchSize = settings.BatchSize ?? config.Batching.BatchSize,
                MaxParallelBatches = settings.Parallel ?? config.Batching.MaxParallelBatches,
            },
        };

        // Overrides go through the same checks as the file, and the filters are built once here to fail early.
        config = PipelineConfigLoader.Parse(PipelineConfigLoader.ToJson(config), isYaml: false, path ?? "command line");
        CompiledPipeline.Create(config);
        return config;
    }

    static string DatasetName(string input)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant();
        var clean = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('-', '.', '_');
        return clean.Length == 0 ? "default" : clean[..Math.Min(clean.Length, 63)];
    }

    /// <summary>Reports on the calling thread; Progress&lt;T&gt; would post to the thread pool and race the final update.</summary>
    sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

using System.ComponentModel;
using System.Runtime.InteropServices;
using DataEngine.Cli.Profiles;
using DataEngine.Cli.Serve;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Runs;
using DataEngine.Local;
using DataEngine.Workflows.Reviews.Notifications;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>
/// `dataengine serve`: the engine as a long-running local service: the durable worker, an inbox folder whose new files
/// start runs (as uploads do in Azure), and the review API and page on loopback, until Ctrl+C.
/// </summary>
sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--out <DIR>")]
        [Description("Output and state folder, as for `run`: reviews left open by `run --review defer` on the same folder are served too.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("-c|--config <FILE>")]
        [Description("Pipeline config for the files dropped in the inbox. Default: built-in rules, no annotation.")]
        public string? Config { get; init; }

        [CommandOption("--inbox <DIR>")]
        [Description("Folder watched for new files; each one starts a run (a file in a subfolder takes the subfolder as its dataset). Default: <out>/inbox.")]
        public string? Inbox { get; init; }

        [CommandOption("--port <N>")]
        [Description("Loopback port of the review page and API (0 picks a free one).")]
        [DefaultValue(7071)]
        public int Port { get; init; } = 7071;

        [CommandOption("-p|--profile <PROFILE>")]
        [Description("embedded or local-azure, as for `run`.")]
        [DefaultValue(EngineProfiles.Embedded)]
        public string Profile { get; init; } = EngineProfiles.Embedded;

        [CommandOption("-v|--verbose")]
        [Description("Log the durable host's and workflows' messages to stderr.")]
        public bool Verbose { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        PipelineConfig? config = null;
        if (settings.Config is { } path)
        {
            try
            {
                config = PipelineConfigLoader.LoadFile(path);
                CompiledPipeline.Create(config);
            }
            catch (PipelineConfigException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Pipeline config error:[/] {ex.Message}");
                return 2;
            }
        }

        if (!EngineProfiles.Names.Contains(settings.Profile))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Unknown profile '{settings.Profile}': use {string.Join(" or ", EngineProfiles.Names)}.[/]");
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(o => o.SingleLine = false).SetMinimumLevel(settings.Verbose ? LogLevel.Information : LogLevel.Warning);
            logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);

            // Each review assignment with its signed links: the console is this service's notifier.
            logging.AddFilter(typeof(ConsoleReviewNotifier).FullName, LogLevel.Information);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });

        var port = settings.Port == 0 ? ReviewWebHost.FreePort() : settings.Port;
        LocalEngine engine;
        try
        {
            engine = await EngineLauncher.StartAsync(
                settings.Profile, settings.Out, loggerFactory, stop.Token, ReviewWebHost.BaseUrlFor(port), consoleNotices: true);
        }
        catch (InvalidOperationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }

        await using var engineScope = engine;
        ReviewWebHost host;
        try
        {
            host = await ReviewWebHost.StartAsync(engine, port, loggerFactory, stop.Token);
        }
        catch (IOException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot serve on 127.0.0.1:{port}: {ex.Message} Pick another --port (0 for any free one).[/]");
            return 2;
        }

        await using var hostScope = host;
        await using var inbox = new InboxWatcher(
            settings.Inbox ?? Path.Combine(settings.Out, "inbox"),
            (file, ct) =>
            {
                // Started, not awaited: a run waiting for its reviewers must not hold up the next file. RunFileAsync
                // reports its own failures; Ctrl+C cancels the runs still going through ct.
                _ = RunFileAsync(engine, config, settings.Inbox ?? Path.Combine(settings.Out, "inbox"), file, ct);
                return Task.CompletedTask;
            },
            loggerFactory.CreateLogger<InboxWatcher>());

        AnsiConsole.MarkupLineInterpolated($"serving on {host.BaseUrl} · state {LocalEngine.StateFolder(settings.Out)}");
        var reviewers = config?.Reviews.Reviewers ?? [];
        foreach (var reviewer in reviewers.Distinct(StringComparer.Ordinal))
        {
            AnsiConsole.MarkupLineInterpolated($"review page for {reviewer}: [link]{host.PageUrl(reviewer)}[/]");
        }

        if (reviewers.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"review page: {host.BaseUrl}review?reviewer=NAME (reviewers are named in a pipeline's reviews: section)");
        }

        AnsiConsole.MarkupLineInterpolated($"drop files in {inbox.Folder} to curate them; Ctrl+C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        AnsiConsole.MarkupLine("stopping");
        return 0;
    }

    static async Task RunFileAsync(LocalEngine engine, PipelineConfig? config, string inboxFolder, string file, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(inboxFolder), file);
        var folder = Path.GetDirectoryName(relative);
        var pipeline = config ?? DefaultPipeline.For("inbox");
        if (!string.IsNullOrEmpty(folder))
        {
            pipeline = pipeline with { Dataset = folder.Split(Path.DirectorySeparatorChar)[0].ToLowerInvariant() };
        }

        AnsiConsole.MarkupLineInterpolated($"{relative}: run started (dataset {pipeline.Dataset})");
        try
        {
            var outcome = await engine.RunAsync(file, pipeline, progress: null, cancellationToken, ReviewMode.Wait);
            var r = outcome.Report;
            var reviewed = r.Annotations.Sum(t => t.Reviewed);
            AnsiConsole.MarkupLineInterpolated(
                $"{relative}: run {r.RunId} {(outcome.AlreadyCompleted ? "was already done" : "completed")}: {r.Accepted:N0} accepted of {r.Read:N0}, {reviewed:N0} reviewed · {outcome.OutputFolder}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{relative}: the run failed: {ex.Message}[/]");
        }
    }
}

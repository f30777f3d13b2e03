using System.ComponentModel;
using DataEngine.Cli.Profiles;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>
/// `dataengine train &lt;task&gt;`: distillation on demand. Retrains a task's light heads from every label the foundation
/// model (and reviewers) gave the dataset so far, and promotes a new head only if it beats the current one on held-out items.
/// </summary>
sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<task>")]
        [Description("The annotation task, as named in the pipeline config's `annotations`.")]
        public string Task { get; init; } = "";

        [CommandOption("-c|--config <FILE>")]
        [Description("The pipeline config that declares the task (its dataset, kind and labels).")]
        public string Config { get; init; } = "";

        [CommandOption("-o|--out <DIR>")]
        [Description("The output folder the runs used (the engine's state is in <out>/.dataengine/).")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("-p|--profile <PROFILE>")]
        [Description("embedded or local-azure, as for `run`.")]
        [DefaultValue(EngineProfiles.Embedded)]
        public string Profile { get; init; } = EngineProfiles.Embedded;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        PipelineConfig config;
        try
        {
            config = PipelineConfigLoader.LoadFile(settings.Config);
        }
        catch (PipelineConfigException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Pipeline config error:[/] {ex.Message}");
            return 2;
        }

        if (config.Annotations.FirstOrDefault(t => t.Name == settings.Task) is not { } task)
        {
            var declared = config.Annotations.Count == 0 ? "none" : string.Join(", ", config.Annotations.Select(t => t.Name));
            AnsiConsole.MarkupLineInterpolated($"[red]Task '{settings.Task}' is not declared in {settings.Config} (declared: {declared}).[/]");
            return 2;
        }

        await using var engine = await EngineLauncher.StartAsync(settings.Profile, settings.Out, NullLoggerFactory.Instance, cancellationToken);
        var outcome = await engine.Services.GetRequiredService<Distiller>().RetrainAsync(config.Dataset, task, cancellationToken);
        if (outcome.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]No labels gathered yet for task '{task.Name}' of dataset '{config.Dataset}' in {settings.Out}: run the pipeline with a foundation-model endpoint first (README, \"Annotation\").[/]");
            return 1;
        }

        foreach (var line in outcome)
        {
            AnsiConsole.MarkupLineInterpolated($"{task.Name}: {line}");
        }

        return 0;
    }
}

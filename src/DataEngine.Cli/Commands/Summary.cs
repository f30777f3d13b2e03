using DataEngine.Core.Runs;
using DataEngine.Local;
using Spectre.Console;

namespace DataEngine.Cli.Commands;

/// <summary>The readable end-of-run summary: counts, each rule's rejections and share, quarantine reasons, speed.</summary>
static class Summary
{
    public static void Print(RunOutcome outcome)
    {
        var r = outcome.Report;
        if (outcome.AlreadyCompleted)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Run {r.RunId} already completed at {r.CompletedAt:u} for this input and pipeline; nothing was run again.[/]");
        }
        else if (outcome.ResumedFromHistory)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Run {r.RunId} was unfinished in the durable task hub: it resumed from its orchestration history.[/]");
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"run {r.RunId} · dataset {r.Dataset}");
        table.AddColumn("");
        table.AddColumn(new TableColumn("items").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        void Row(string name, long count) => table.AddRow(name, count.ToString("N0"), Share(count, r.Read));
        Row("read", r.Read);
        Row("[green]accepted[/]", r.Accepted);
        Row("rejected by filter", r.Rejected);
        foreach (var rule in r.RejectedByRule)
        {
            table.AddRow($"  [grey]{Markup.Escape(rule.Name)}[/]", rule.Count.ToString("N0"), Share(rule.Count, r.Read));
        }

        Row("duplicates", r.Duplicates);
        Row("quarantined", r.Quarantined);
        foreach (var reason in r.QuarantinedByReason)
        {
            table.AddRow($"  [grey]{Markup.Escape(reason.Name)}[/]", reason.Count.ToString("N0"), Share(reason.Count, r.Read));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{r.Batches} batches, {r.Bytes / 1e6:0.0} MB in {r.Seconds:0.00} s: {r.DocsPerSecond:N0} docs/s, {r.MegabytesPerSecond:0.0} MB/s");
        if (!r.AddsUp)
        {
            AnsiConsole.MarkupLine("[red]The counts do not add up to the items read: please report this.[/]");
        }

        AnsiConsole.MarkupLineInterpolated($"curated: {Path.Combine(outcome.OutputFolder, "curated")} ({r.CuratedFiles.Count} files)");
        AnsiConsole.MarkupLineInterpolated($"report:  {Path.Combine(outcome.OutputFolder, "report.json")}");
    }

    static string Share(long count, long total) => total == 0 ? "-" : $"{100.0 * count / total:0.0}%";
}

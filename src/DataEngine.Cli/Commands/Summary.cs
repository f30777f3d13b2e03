using DataEngine.Core.Annotations.Batches;
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
        foreach (var task in r.Annotations)
        {
            PrintTask(task);
        }

        AnsiConsole.MarkupLineInterpolated($"{r.Batches} batches, {r.Bytes / 1e6:0.0} MB in {r.Seconds:0.00} s: {r.DocsPerSecond:N0} docs/s, {r.MegabytesPerSecond:0.0} MB/s");
        if (!r.AddsUp)
        {
            AnsiConsole.MarkupLine("[red]The counts do not add up to the items read: please report this.[/]");
        }

        AnsiConsole.MarkupLineInterpolated($"curated: {Path.Combine(outcome.OutputFolder, "curated")} ({r.CuratedFiles.Count(f => f.Contains("/curated/", StringComparison.Ordinal))} files)");
        if (r.Annotations.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"labels:  {Path.Combine(outcome.OutputFolder, "labels")} (one line per item and task, with who labelled it)");
        }

        AnsiConsole.MarkupLineInterpolated($"report:  {Path.Combine(outcome.OutputFolder, "report.json")}");
    }

    /// <summary>Where one task's labels came from: each tier's share of the accepted items, the foundation cost, retraining.</summary>
    static void PrintTask(TaskSummary t)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"annotation task {t.Task}");
        table.AddColumn("label from");
        table.AddColumn(new TableColumn("items").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        void Row(string name, long count) => table.AddRow(name, count.ToString("N0"), Share(count, t.Items));
        Row("light model", t.Light);
        Row("foundation model", t.Foundation);
        Row("human review", t.Human);
        if (t.Human > 0)
        {
            Row("[grey]  answered[/]", t.Reviewed);
            Row("[grey]  pending or fell back[/]", t.Human - t.Reviewed);
        }

        Row("unlabelled", t.Unlabelled);
        Row("[grey]  of which low trust[/]", t.LowTrust);
        foreach (var (label, count) in t.Labels)
        {
            table.AddRow($"[grey]label {Markup.Escape(label)}[/]", count.ToString("N0"), Share(count, t.Items));
        }

        AnsiConsole.Write(table);
        if (t.FoundationCalls > 0)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"foundation model: {t.FoundationCalls:N0} items asked, {t.FoundationFailures:N0} without a usable answer, {t.InputTokens:N0} + {t.OutputTokens:N0} tokens, cost {t.Cost:0.####}");
        }

        if (t.Reviewed > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"human review: {t.Reviewed:N0} items answered, median {t.ReviewSecondsMedian:0.0} s per answer");
        }

        foreach (var line in t.Retraining)
        {
            AnsiConsole.MarkupLineInterpolated($"retraining: {line}");
        }
    }

    static string Share(long count, long total) => total == 0 ? "-" : $"{100.0 * count / total:0.0}%";
}

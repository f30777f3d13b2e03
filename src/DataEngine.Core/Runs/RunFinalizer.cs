using System.Text.Json;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// Closes a run: settles which copies are duplicates, writes the curated JSONL (accepted items only) and report.json,
/// and marks the run completed. Safe to run again: it rewrites the same blobs from the same records.
/// </summary>
public sealed partial class RunFinalizer(IBlobStore blobs, IRecordStore records, PipelineCache pipelines, TimeProvider clock)
{
    /// <summary>Rounds of read → rebuild → conditional write of the report when answers to other batches keep rewriting it.</summary>
    const int MaxReportAttempts = 8;

    /// <param name="retraining">Per annotation task, what retraining its light heads did after the batches (distillation).</param>
    public async Task<RunReport> FinalizeAsync(
        string runId, RunPlan plan, IReadOnlyDictionary<string, IReadOnlyList<string>>? retraining = null, CancellationToken cancellationToken = default)
    {
        var run = await records.GetRunAsync(runId, cancellationToken)
            ?? throw new InvalidOperationException($"Run '{runId}' has no run record; it must be started through the run starter.");

        await records.ResolveDuplicatesAsync(run.Dataset, runId, cancellationToken);
        var dropped = await DuplicatesAsync(runId, cancellationToken);

        var files = new List<string>();
        var config = (await pipelines.GetAsync(runId, cancellationToken)).Config;
        var summaries = new TaskSummaryBuilder();
        for (var batch = 0; batch < plan.BatchCount; batch++)
        {
            if (await WriteLabelsAsync(runId, batch, dropped, summaries, cancellationToken) is { } labels)
            {
                files.Add(labels);
            }

            var survivors = RunPaths.Survivors(runId, batch);
            if (await blobs.GetInfoAsync(survivors, cancellationToken) is null)
            {
                continue; // a quarantined (poison) batch left no survivors
            }

            var part = RunPaths.CuratedPart(runId, batch);
            if (await JsonLines.CopyWhereAsync(blobs, survivors, part, id => !dropped.Contains(id), cancellationToken) > 0)
            {
                files.Add(part.Name);
            }
            else
            {
                await blobs.DeleteAsync(part, cancellationToken);
            }
        }

        var counts = await records.CountAsync(runId, cancellationToken);
        var read = counts.Total;
        var completedAt = clock.GetUtcNow();
        var report = new RunReport
        {
            RunId = runId,
            Dataset = run.Dataset,
            Input = run.Input,
            StartedAt = run.StartedAt,
            CompletedAt = completedAt,
            Batches = plan.BatchCount,
            Bytes = plan.Bytes,
            Read = read,
            Accepted = counts[ItemState.Accepted],
            Rejected = counts[ItemState.Rejected],
            Duplicates = counts[ItemState.Duplicate],
            Quarantined = counts[ItemState.Quarantined],
            RejectedByRule = Shares(counts.RejectedByRule, read),
            QuarantinedByReason = Shares(ByCategory(counts.QuarantinedByReason), read),
            CuratedFiles = files,
            Annotations = summaries.Build([.. config.Annotations.Select(t => t.Name)], retraining ?? new Dictionary<string, IReadOnlyList<string>>()),
        };

        var reportBlob = RunPaths.Report(runId);
        await blobs.WriteAsync(reportBlob, JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Options), cancellationToken: cancellationToken);
        await records.ReplaceRunAsync(run with { Status = RunStatus.Completed, CompletedAt = completedAt, ReportBlob = reportBlob.ToString() }, cancellationToken);
        return report;
    }

    /// <summary>
    /// Rewrites one batch's curated labels from its annotation state, after answers that came once the run was finished
    /// (deferred or late reviews), then the report's annotation summaries (routes, labels, reviewed, seconds per answer)
    /// from every batch, so report.json says what the labels files say. Duplicates settled at the end of the run stay out;
    /// the item counts and timing are the run's.
    /// </summary>
    public async Task RewriteLabelsAsync(string runId, int batch, CancellationToken cancellationToken = default)
    {
        var dropped = await DuplicatesAsync(runId, cancellationToken);
        await WriteLabelsAsync(runId, batch, dropped, new TaskSummaryBuilder(), cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RewriteReportAsync(runId, dropped, cancellationToken);
                return;
            }
            catch (BlobConflictException) when (attempt < MaxReportAttempts)
            {
                // Answers to another batch rewrote the report meanwhile, maybe from an older state of this batch: again.
            }
        }
    }

    /// <summary>
    /// Rebuilds the report's annotation summaries from every batch's state and writes them only if nobody rewrote the
    /// report since its ETag was taken, before the states were read: so of two late answers to different batches, the
    /// report written last has read both batches' new states.
    /// </summary>
    async Task RewriteReportAsync(string runId, HashSet<string> dropped, CancellationToken cancellationToken)
    {
        if (await blobs.GetInfoAsync(RunPaths.Report(runId), cancellationToken) is not { } info
            || await ReportJson.ReadAsync(blobs, runId, cancellationToken) is not { } report)
        {
            return;
        }

        // Every batch's states, not just this one's: a summary's median of seconds per answer cannot be patched in place.
        var summaries = new TaskSummaryBuilder();
        for (var b = 0; b < report.Batches; b++)
        {
            await foreach (var state in AnnotationStatesAsync(runId, b, cancellationToken))
            {
                if (!dropped.Contains(state.ItemId))
                {
                    summaries.Add(state);
                }
            }
        }

        var retraining = report.Annotations.ToDictionary(a => a.Task, a => a.Retraining, StringComparer.Ordinal);
        var updated = report with
        {
            Annotations = summaries.Build([.. report.Annotations.Select(a => a.Task)], retraining),
            LabelsUpdatedAt = clock.GetUtcNow(),
        };
        await blobs.WriteAsync(RunPaths.Report(runId), JsonSerializer.SerializeToUtf8Bytes(updated, ReportJson.Options), BlobCondition.IfUnchanged(info.ETag), cancellationToken);
    }

    async Task<HashSet<string>> DuplicatesAsync(string runId, CancellationToken cancellationToken)
    {
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in records.ListItemsAsync(runId, ItemState.Duplicate, cancellationToken))
        {
            dropped.Add(item.ItemId);
        }

        return dropped;
    }

    async IAsyncEnumerable<TaskAnnotationState> AnnotationStatesAsync(string runId, int batch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var annotations = RunPaths.Annotations(runId, batch);
        if (await blobs.GetInfoAsync(annotations, cancellationToken) is null)
        {
            yield break;
        }

        await foreach (var state in JsonLines.ReadAsync<TaskAnnotationState>(blobs, annotations, cancellationToken))
        {
            yield return state;
        }
    }

    /// <summary>
    /// Writes the labels of a batch's accepted items (duplicates settled at the end are left out) and adds them to the
    /// run's task summaries. Returns the labels blob's name, or null when the batch has no annotations.
    /// </summary>
    async Task<string?> WriteLabelsAsync(string runId, int batch, HashSet<string> dropped, TaskSummaryBuilder summaries, CancellationToken cancellationToken)
    {
        if (await blobs.GetInfoAsync(RunPaths.Annotations(runId, batch), cancellationToken) is null)
        {
            return null;
        }

        var labels = new List<CuratedLabel>();
        await foreach (var state in AnnotationStatesAsync(runId, batch, cancellationToken))
        {
            if (dropped.Contains(state.ItemId))
            {
                continue;
            }

            summaries.Add(state);
            var final = state.Final;
            labels.Add(new CuratedLabel(
                state.ItemId, state.Task, final?.Label, final?.Score, final?.Confidence ?? 0, final?.By.ToString() ?? "none",
                final?.LowTrust ?? false, state.Decision.Route.ToString(), state.Decision.Reason));
        }

        var part = RunPaths.CuratedLabels(runId, batch);
        await JsonLines.WriteAsync(blobs, part, labels, cancellationToken);
        return part.Name;
    }

    /// <summary>
    /// Groups quarantine reasons by category: the text before the first ':' ("malformed JSON: ..."), or the whole
    /// reason with its numbers blanked ("invalid UTF-8 at byte N"), so one cause shows as one line.
    /// </summary>
    static Dictionary<string, long> ByCategory(IReadOnlyDictionary<string, long> reasons)
    {
        var categories = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in reasons)
        {
            var colon = reason.IndexOf(':');
            var category = colon > 0 ? reason[..colon] : Digits().Replace(reason, "N");
            categories[category] = categories.GetValueOrDefault(category) + count;
        }

        return categories;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9][0-9,.]*")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    static List<RuleCount> Shares(IReadOnlyDictionary<string, long> counts, long read) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new RuleCount(kv.Key, kv.Value, read == 0 ? 0 : Math.Round((double)kv.Value / read, 4)))
            .ToList();
}

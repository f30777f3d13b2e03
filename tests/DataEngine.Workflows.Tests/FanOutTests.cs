using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Workflows.Tests;

public sealed class FanOutTests
{
    [Fact]
    public async Task A_run_of_25_batches_fans_out_and_every_item_ends_in_one_state()
    {
        using var temp = new TempFolder();
        temp.Write("in/part-a.jsonl", WorkflowTestHost.Lines(0, 130));
        temp.Write("in/part-b.jsonl", WorkflowTestHost.Lines(130, 120) + WorkflowTestHost.Line("Record 7 of the sample set describes a different afternoon by the river."));
        var (engine, _) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;

        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("fanout", batchSize: 10));

        var report = outcome.Report;
        Assert.Equal(26, report.Batches); // 251 items in batches of 10
        Assert.Equal(251, report.Read);
        Assert.Equal(250, report.Accepted);
        Assert.Equal(1, report.Duplicates);
        Assert.True(report.AddsUp);
        for (var batch = 0; batch < report.Batches; batch++)
        {
            Assert.NotNull(await engine.Records.GetBatchAsync(outcome.RunId, batch));
        }

        // The copy is the later item (line 121 of part-b); the first occurrence (line 8 of part-a) is kept.
        var duplicate = Assert.Single(await engine.Records.ListItemsAsync(outcome.RunId, ItemState.Duplicate).ToListAsync());
        Assert.EndsWith("part-b.jsonl", duplicate.Source);
        Assert.Equal(121, duplicate.Position);
        Assert.Contains("part-a.jsonl:8", duplicate.Reason);

        var curated = await WorkflowTestHost.CuratedAsync(outcome);
        Assert.Equal(250, curated.Count);
        Assert.Equal(250, curated.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(curated, r => Assert.True(r.GetProperty("metadata").TryGetProperty("n", out _), "other JSON fields are kept as metadata"));
    }

    [Fact]
    public async Task Running_the_same_input_again_finds_the_completed_run_and_does_no_work()
    {
        using var temp = new TempFolder();
        temp.Write("in/data.jsonl", WorkflowTestHost.Lines(0, 40));
        var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;
        var config = WorkflowTestHost.Pipeline("again", batchSize: 10);

        var first = await engine.RunAsync(temp.Combine("in"), config);
        var readsAfterFirst = faults.ReadsOf(name => name.StartsWith(Containers.Raw, StringComparison.Ordinal));
        var second = await engine.RunAsync(temp.Combine("in"), config);

        Assert.False(first.AlreadyCompleted);
        Assert.True(second.AlreadyCompleted);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(first.Report.Accepted, second.Report.Accepted);
        Assert.Equal(readsAfterFirst, faults.ReadsOf(name => name.StartsWith(Containers.Raw, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_later_run_of_the_same_dataset_marks_items_seen_before_as_duplicates()
    {
        using var temp = new TempFolder();
        temp.Write("first/data.jsonl", WorkflowTestHost.Lines(0, 20));
        temp.Write("second/data.jsonl", WorkflowTestHost.Lines(10, 20));
        var (engine, _) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;
        var config = WorkflowTestHost.Pipeline("across-runs", batchSize: 8);

        var first = await engine.RunAsync(temp.Combine("first"), config);
        var second = await engine.RunAsync(temp.Combine("second"), config);

        Assert.Equal(20, first.Report.Accepted);
        Assert.Equal(10, second.Report.Duplicates); // records 10-19 were kept by the first run
        Assert.Equal(10, second.Report.Accepted);
        var duplicate = (await engine.Records.ListItemsAsync(second.RunId, ItemState.Duplicate).ToListAsync())[0];
        Assert.Contains($"run {first.RunId}", duplicate.Reason);
    }

    [Fact]
    public async Task A_run_interrupted_after_some_batches_resumes_without_redoing_them()
    {
        using var temp = new TempFolder();
        temp.Write("in/data.jsonl", WorkflowTestHost.Lines(0, 60));
        var config = WorkflowTestHost.Pipeline("resume", batchSize: 10, parallel: 1);

        // First process: batches 0-2 commit, batch 3 keeps failing (and waiting to retry) when the process stops.
        string runId;
        {
            var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
            await using var _e = engine;
            faults.Fault = (blob, _) => blob.Name.EndsWith("/plan/00003.jsonl", StringComparison.Ordinal) ? new InvalidOperationException("simulated crash") : null;
            var prefix = await engine.UploadAsync(temp.Combine("in"), config.Dataset);
            var starter = engine.Services.GetRequiredService<RunStarter>();
            runId = await starter.RunIdForAsync(prefix, config);
            var request = await starter.PrepareAsync(runId, prefix, config);
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Orchestrators.RunOrchestrator), request, new Microsoft.DurableTask.StartOrchestrationOptions(runId));
            while (await engine.Records.GetBatchAsync(runId, 2) is null)
            {
                await Task.Delay(50);
            }
        }

        // Second process: same input and pipeline, no faults. Only batches 3-5 are filtered again.
        {
            var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
            await using var _e = engine;
            var outcome = await engine.RunAsync(temp.Combine("in"), config);

            Assert.Equal(runId, outcome.RunId);
            Assert.Equal(60, outcome.Report.Read);
            Assert.Equal(60, outcome.Report.Accepted);
            Assert.Equal(0, faults.ReadsOf(name => name.EndsWith("/plan/00000.jsonl", StringComparison.Ordinal) || name.EndsWith("/plan/00001.jsonl", StringComparison.Ordinal)));
            Assert.Equal(1, faults.ReadsOf(name => name.EndsWith("/plan/00005.jsonl", StringComparison.Ordinal)));
            Assert.Equal(60, (await WorkflowTestHost.CuratedAsync(outcome)).Count);
        }
    }
}

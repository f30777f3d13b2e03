using DataEngine.Core.Items;

namespace DataEngine.Workflows.Tests;

public sealed class RetryAndPoisonTests
{
    [Fact]
    public async Task An_activity_that_fails_once_is_retried_by_policy_and_its_items_are_processed()
    {
        using var temp = new TempFolder();
        temp.Write("in/data.jsonl", WorkflowTestHost.Lines(0, 50));
        var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;
        faults.Fault = (blob, attempt) => blob.Name.EndsWith("/plan/00002.jsonl", StringComparison.Ordinal) && attempt == 1
            ? new IOException("simulated transient storage error")
            : null;

        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("retry", batchSize: 10));

        Assert.Equal(2, faults.ReadsOf(name => name.EndsWith("/plan/00002.jsonl", StringComparison.Ordinal)));
        Assert.Equal(50, outcome.Report.Accepted);
        Assert.Equal(0, outcome.Report.Quarantined);
    }

    [Fact]
    public async Task A_poison_batch_is_quarantined_with_its_error_and_the_run_completes()
    {
        using var temp = new TempFolder();
        for (var part = 0; part < 5; part++)
        {
            temp.Write($"in/part-{part}.jsonl", WorkflowTestHost.Lines(part * 10, 10));
        }

        var (engine, faults) = await WorkflowTestHost.StartAsync(temp.Combine("out"));
        await using var _e = engine;

        // Reading part-3 crashes the filter every time (think of a decoder bug triggered by its bytes). The first read
        // of it is the planner's scan for line breaks, which is left alone.
        faults.Fault = (blob, attempt) => blob.Name.EndsWith("/part-3.jsonl", StringComparison.Ordinal) && blob.Container == "raw" && attempt > 1
            ? new InvalidOperationException("simulated decoder crash")
            : null;

        var outcome = await engine.RunAsync(temp.Combine("in"), WorkflowTestHost.Pipeline("poison", batchSize: 10));

        var report = outcome.Report;
        Assert.Equal(50, report.Read);
        Assert.Equal(40, report.Accepted);
        Assert.Equal(10, report.Quarantined);
        Assert.True(report.AddsUp);
        var quarantined = await engine.Records.ListItemsAsync(outcome.RunId, ItemState.Quarantined).ToListAsync();
        Assert.All(quarantined, item =>
        {
            Assert.EndsWith("part-3.jsonl", item.Source);
            Assert.Contains("simulated decoder crash", item.Reason);
        });
        // Read once by the planner, then by three attempts of the filter before the batch was quarantined.
        Assert.Equal(4, faults.ReadsOf(name => name.EndsWith("/part-3.jsonl", StringComparison.Ordinal) && name.StartsWith("raw/", StringComparison.Ordinal)));
    }
}

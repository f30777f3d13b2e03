using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>
/// What every <see cref="IRecordStore"/> must do, run unchanged against each implementation: a derived class supplies
/// a fresh, isolated store per test (xunit makes a new instance per test). Runs and batch markers here; items,
/// counting, paging and sampling in RecordStoreContract.Items.cs; dedup in RecordStoreContract.Dedup.cs; annotations in
/// RecordStoreContract.Annotations.cs.
/// </summary>
public abstract partial class RecordStoreContract : IAsyncLifetime
{
    IRecordStore? _store;

    protected IRecordStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new store that no other test sees.</summary>
    protected abstract Task<IRecordStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync(IRecordStore store) => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    [Fact]
    public async Task A_run_round_trips_through_create_get_and_replace_with_a_new_etag_each_time()
    {
        var run = Run(Unique("run"), Unique("ds"));

        var created = await Store.CreateRunAsync(run);
        Assert.NotNull(created.ETag);
        Assert.Equal(run with { ETag = created.ETag }, created);
        Assert.Equal(created, await Store.GetRunAsync(run.RunId));

        var completed = created with { Status = RunStatus.Completed, CompletedAt = Start.AddMinutes(42), ReportBlob = $"runs/{run.RunId}/report.json" };
        var replaced = await Store.ReplaceRunAsync(completed);
        Assert.NotNull(replaced.ETag);
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(completed with { ETag = replaced.ETag }, replaced);
        Assert.Equal(replaced, await Store.GetRunAsync(run.RunId));

        Assert.Null(await Store.GetRunAsync(Unique("absent")));
    }

    [Fact]
    public async Task Creating_a_run_that_exists_is_a_conflict_and_leaves_the_stored_run_as_it_was()
    {
        var first = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));

        var conflict = await Assert.ThrowsAsync<RecordConflictException>(() => Store.CreateRunAsync(first with { Input = "raw/other", ETag = null }));

        Assert.Contains(first.RunId, conflict.Record);
        Assert.Equal(first, await Store.GetRunAsync(first.RunId));
    }

    [Fact]
    public async Task Replacing_a_run_with_a_stale_etag_is_a_conflict_and_the_newer_version_stays()
    {
        var created = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var newer = await Store.ReplaceRunAsync(created with { Status = RunStatus.Failed });

        await Assert.ThrowsAsync<RecordConflictException>(() => Store.ReplaceRunAsync(created with { Status = RunStatus.Completed }));

        Assert.Equal(newer, await Store.GetRunAsync(created.RunId));
    }

    [Fact]
    public async Task Replacing_a_run_that_was_never_stored_is_a_conflict_and_one_never_read_is_refused()
    {
        var run = Run(Unique("run"), Unique("ds"));

        await Assert.ThrowsAsync<RecordConflictException>(() => Store.ReplaceRunAsync(run with { ETag = "\"0123\"" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceRunAsync(run));
        Assert.Null(await Store.GetRunAsync(run.RunId));
    }

    [Fact]
    public async Task Of_concurrent_creates_of_one_run_exactly_one_wins_and_the_others_conflict()
    {
        var runId = Unique("run");
        var dataset = Unique("ds");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 8)
            .Select(async i =>
            {
                await gate.Task;
                return await Store.CreateRunAsync(Run(runId, dataset, $"raw/starter-{i}"));
            })
            .ToList();
        gate.SetResult();
        await Task.WhenAll(attempts.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var winners = attempts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        var winner = Assert.Single(winners);
        Assert.All(attempts.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<RecordConflictException>(t.Exception!.InnerException));
        Assert.Equal(winner, await Store.GetRunAsync(runId));
    }

    [Fact]
    public async Task A_batch_marker_is_found_once_written_and_a_rewrite_replaces_it()
    {
        var runId = Unique("run");
        var otherRun = Unique("run");
        Assert.Null(await Store.GetBatchAsync(runId, 3));

        await Store.MarkBatchCommittedAsync(new BatchRecord(runId, 3, 250, Start));
        await Store.MarkBatchCommittedAsync(new BatchRecord(runId, 3, 251, Start.AddSeconds(5))); // a retried commit
        await Store.MarkBatchCommittedAsync(new BatchRecord(otherRun, 3, 7, Start));

        Assert.Equal(new BatchRecord(runId, 3, 251, Start.AddSeconds(5)), await Store.GetBatchAsync(runId, 3));
        Assert.Equal(new BatchRecord(otherRun, 3, 7, Start), await Store.GetBatchAsync(otherRun, 3));
        Assert.Null(await Store.GetBatchAsync(runId, 4));
    }

    [Fact]
    public async Task A_record_over_2_MB_as_json_is_refused_before_anything_is_written()
    {
        var run = Run(Unique("run"), Unique("ds"));
        var huge = new string('x', 3 * 1024 * 1024);
        var hugeInUtf8 = new string('€', 800_000); // 800,000 characters, but 2.4 MB of UTF-8

        var oversizedRun = await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateRunAsync(run with { Input = huge }));
        Assert.Contains("2 MB", oversizedRun.Message);
        Assert.Null(await Store.GetRunAsync(run.RunId));

        var created = await Store.CreateRunAsync(run);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceRunAsync(created with { ReportBlob = huge }));
        Assert.Equal(created, await Store.GetRunAsync(run.RunId));

        var items = Enumerable.Range(0, 40).Select(i => Item(run.RunId, run.Dataset, i)).ToList();
        items[17] = Quarantined(run.RunId, run.Dataset, 17, huge);
        var oversizedItem = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertItemsAsync(items));
        Assert.Contains("2 MB", oversizedItem.Message);
        Assert.Contains(ItemId(17), oversizedItem.Message);

        items[17] = Quarantined(run.RunId, run.Dataset, 17, hugeInUtf8);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertItemsAsync(items));
        Assert.Empty(await ListAsync(Store, run.RunId));

        // Just under the limit is fine, and comes back whole.
        items[17] = Quarantined(run.RunId, run.Dataset, 17, new string('y', 1024 * 1024) + "€");
        await Store.UpsertItemsAsync(items);
        var stored = await ListAsync(Store, run.RunId);
        Assert.Equal(items, stored);
    }
}

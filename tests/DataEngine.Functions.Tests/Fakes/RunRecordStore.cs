using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Functions.Tests.Fakes;

/// <summary>Keeps run records only: preparing a run reads and writes nothing else.</summary>
sealed class RunRecordStore : IRecordStore
{
    public Dictionary<string, RunRecord> Runs { get; } = [];

    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        Runs[run.RunId] = run;
        return Task.CompletedTask;
    }

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(Runs.GetValueOrDefault(runId));

    public Task UpsertItemsAsync(IReadOnlyCollection<ItemRecord> items, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ClaimDedupKeysAsync(string dataset, string runId, IReadOnlyCollection<DedupClaim> claims, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> ResolveDuplicatesAsync(string dataset, string runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task MarkBatchCommittedAsync(BatchRecord batch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BatchRecord?> GetBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StateCounts> CountAsync(string runId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<ItemRecord> ListItemsAsync(string runId, ItemState? state = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

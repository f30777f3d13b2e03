using DataEngine.Core.Annotations;
using DataEngine.Core.Items;

namespace DataEngine.Core.Ports;

/// <summary>
/// Port for the run's records: runs, batch markers, one record per item, dedup claims, and every annotation made.
/// SQLite locally, Cosmos DB in Azure. Every write is an idempotent upsert keyed by deterministic ids.
/// </summary>
public interface IRecordStore
{
    /// <summary>Stores a new run and returns it with its ETag.</summary>
    /// <exception cref="RecordConflictException">A run with this id exists already (another starter won).</exception>
    Task<RunRecord> CreateRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>Replaces a run read earlier, only if it has not changed since (its <see cref="RunRecord.ETag"/>).</summary>
    /// <exception cref="RecordConflictException">The run changed since it was read, or it does not exist.</exception>
    Task<RunRecord> ReplaceRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The run with its current ETag, or null.</summary>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Writes item records; a record with the same (RunId, ItemId) is replaced.</summary>
    Task UpsertItemsAsync(IReadOnlyCollection<ItemRecord> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims dedup keys for items of <paramref name="runId"/>. A key first claimed by an earlier run stays with that run;
    /// within one run the claim with the lowest ordinal wins, whatever order batches commit in.
    /// </summary>
    Task ClaimDedupKeysAsync(string dataset, string runId, IReadOnlyCollection<DedupClaim> claims, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current owner of each of <paramref name="keys"/> that has one in <paramref name="dataset"/> (keys nobody claimed
    /// are left out). Read before the expensive steps, so a copy that cannot be kept is not annotated or reviewed.
    /// </summary>
    Task<IReadOnlyDictionary<string, DedupOwner>> GetDedupOwnersAsync(string dataset, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Marks as <see cref="ItemState.Duplicate"/> every accepted item of the run whose key is owned by another item. Returns how many.</summary>
    Task<long> ResolveDuplicatesAsync(string dataset, string runId, CancellationToken cancellationToken = default);

    Task MarkBatchCommittedAsync(BatchRecord batch, CancellationToken cancellationToken = default);

    Task<BatchRecord?> GetBatchAsync(string runId, int batchIndex, CancellationToken cancellationToken = default);

    Task<StateCounts> CountAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The run's items, optionally only those in <paramref name="state"/>, in ordinal order, read page by page.</summary>
    IAsyncEnumerable<ItemRecord> ListItemsAsync(string runId, ItemState? state = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A uniform random sample of up to <paramref name="count"/> items of a dataset in <paramref name="state"/>, across
    /// all its runs: the items whose <see cref="ItemRecord.SampleKey"/> follows <paramref name="start"/> (a random number
    /// in [0, 1)), wrapping round to the lowest keys when too few follow it. Ordered by sample key.
    /// </summary>
    Task<IReadOnlyList<ItemRecord>> SampleItemsAsync(string dataset, ItemState state, int count, double start, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes annotation records; a record with the same (RunId, ItemId, Task, By.Kind, By.Id) is replaced, so a retried
    /// commit changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A record is over 2 MB as JSON; nothing was written.</exception>
    Task UpsertAnnotationsAsync(IReadOnlyCollection<AnnotationRecord> annotations, CancellationToken cancellationToken = default);

    /// <summary>
    /// The run's annotations, optionally of one <paramref name="task"/> only, ordered by item id, task, annotator kind
    /// (cheapest tier first: <see cref="AnnotatorKind"/> order) and annotator id; read page by page.
    /// </summary>
    IAsyncEnumerable<AnnotationRecord> ListAnnotationsAsync(string runId, string? task = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The training labels of a dataset's task across all its runs: the annotations by annotators of
    /// <paramref name="kinds"/> that did not fail and gave an answer (a label, or a score for score tasks), ordered by
    /// run id, item id, annotator kind and annotator id; read page by page. Light heads are retrained (distilled) on them.
    /// </summary>
    IAsyncEnumerable<AnnotationRecord> ListLabelsAsync(string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, CancellationToken cancellationToken = default);

    /// <summary>
    /// A uniform random sample of up to <paramref name="count"/> of a dataset's annotations of <paramref name="task"/>
    /// by annotators of <paramref name="kinds"/>, across all its runs, that did not fail and gave an answer (what QA can
    /// verify): those whose <see cref="AnnotationRecord.SampleKey"/> follows <paramref name="start"/> (a random number
    /// in [0, 1)), wrapping round to the lowest keys when too few follow it. Ordered by sample key.
    /// </summary>
    Task<IReadOnlyList<AnnotationRecord>> SampleAnnotationsAsync(
        string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, int count, double start, CancellationToken cancellationToken = default);
}

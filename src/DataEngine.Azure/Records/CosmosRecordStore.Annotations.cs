using System.Globalization;
using System.Runtime.CompilerServices;
using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using Microsoft.Azure.Cosmos;

namespace DataEngine.Azure.Records;

/// <summary>Annotation records: bounded-parallel upserts, keyset-paged run listing and training labels, sampling by sample key.</summary>
public sealed partial class CosmosRecordStore
{
    /// <summary>
    /// The one order of both listings: with the run fixed it is the port's run order (item, task, kind, annotator), with
    /// the task fixed its label order (run, item, kind, annotator). Served by the container's composite index.
    /// </summary>
    const string AnnotationOrder = " ORDER BY c.runId, c.itemId, c.task, c.kindRank, c.annotatorId";

    /// <summary>
    /// Strictly after the last row of the previous page, in <see cref="AnnotationOrder"/>: the keyset page condition.
    /// Flat, relying on AND binding tighter than OR (in Cosmos DB as in SQL): the emulator's query parser takes time
    /// exponential in the nesting of parentheses (the nested form of this condition took 20 s to parse at four levels and
    /// hung it at five; this one parses in about 20 ms).
    /// </summary>
    const string AfterLastAnnotation =
        "(c.runId > @lastRun" +
        " OR c.runId = @lastRun AND c.itemId > @lastItem" +
        " OR c.runId = @lastRun AND c.itemId = @lastItem AND c.task > @lastTask" +
        " OR c.runId = @lastRun AND c.itemId = @lastItem AND c.task = @lastTask AND c.kindRank > @lastRank" +
        " OR c.runId = @lastRun AND c.itemId = @lastItem AND c.task = @lastTask AND c.kindRank = @lastRank AND c.annotatorId > @lastAnnotator)";

    /// <summary>What the port calls a label: an answer (a label, or a score for score tasks) from an attempt that did not fail.</summary>
    const string Answered = "c.failed = false AND (c.label != null OR c.score != null)";

    public async Task UpsertAnnotationsAsync(IReadOnlyCollection<AnnotationRecord> annotations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotations);

        // As for items: all serialised and checked before the first request; a record given twice is written once, the last wins.
        var writes = new Dictionary<string, (AnnotationDocument Document, byte[] Body)>(annotations.Count, StringComparer.Ordinal);
        foreach (var annotation in annotations)
        {
            var document = AnnotationDocument.From(annotation);
            var name = $"annotation {annotation.RunId}/{annotation.ItemId}/{annotation.Task}/{annotation.Annotation.By}";
            writes[document.Id] = (document, RecordSize.Serialize(document, name, nameof(annotations)));
        }

        if (writes.Count == 0)
        {
            return;
        }

        var containers = await _containers.GetAsync(cancellationToken);
        await UpsertAllAsync(containers.Annotations, writes.Values.Select(w => (AnnotationKey(w.Document), w.Body)), cancellationToken);
        foreach (var (document, _) in writes.Values)
        {
            _datasets.TryAdd(document.RunId, document.Dataset);
        }
    }

    public async IAsyncEnumerable<AnnotationRecord> ListAnnotationsAsync(string runId, string? task = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The dataset (from the run) narrows the query to the partitions of the dataset, or of its task; without a run
        // document the run's annotations are still found, by a query across partitions.
        var dataset = await DatasetOfAsync(runId, cancellationToken);
        var where = "c.runId = @run";
        var parameters = new List<(string, object)> { ("@run", runId) };
        if (dataset is not null)
        {
            where += " AND c.dataset = @dataset";
            parameters.Add(("@dataset", dataset));
        }

        if (task is not null)
        {
            where += " AND c.task = @task";
            parameters.Add(("@task", task));
        }

        PartitionKey? prefix = dataset is null ? null : task is null ? DatasetPrefix(dataset) : TaskPrefix(dataset, task);
        await foreach (var document in PageAnnotationsAsync(where, parameters, prefix, cancellationToken))
        {
            yield return document.ToRecord();
        }
    }

    public async IAsyncEnumerable<AnnotationRecord> ListLabelsAsync(
        string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            yield break;
        }

        var parameters = new List<(string, object)> { ("@dataset", dataset), ("@task", task) };
        var where = $"c.dataset = @dataset AND c.task = @task AND c.kindRank IN ({KindParameters(kinds, parameters)}) AND {Answered}";
        await foreach (var document in PageAnnotationsAsync(where, parameters, TaskPrefix(dataset, task), cancellationToken))
        {
            yield return document.ToRecord();
        }
    }

    public async Task<IReadOnlyList<AnnotationRecord>> SampleAnnotationsAsync(
        string dataset, string task, IReadOnlyCollection<AnnotatorKind> kinds, int count, double start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sample = new List<AnnotationRecord>(count);
        if (kinds.Count == 0)
        {
            return sample;
        }

        var containers = await _containers.GetAsync(cancellationToken);

        // As for items: the keys at or after the start, then (wrapping round) those before it, each query sent only to the
        // partitions of the dataset's task and stopped early by TOP with ORDER BY.
        foreach (var comparison in new[] { ">=", "<" })
        {
            var remaining = count - sample.Count;
            if (remaining == 0)
            {
                break;
            }

            var parameters = new List<(string, object)> { ("@dataset", dataset), ("@task", task), ("@start", start) };
            var query = With(
                new QueryDefinition(
                    $"SELECT TOP {remaining} * FROM c WHERE c.dataset = @dataset AND c.task = @task AND c.kindRank IN ({KindParameters(kinds, parameters)}) " +
                    $"AND {Answered} AND c.sampleKey {comparison} @start ORDER BY c.sampleKey"),
                parameters);
            await foreach (var document in QueryAsync<AnnotationDocument>(containers.Annotations, query, TaskPrefix(dataset, task), remaining, cancellationToken))
            {
                sample.Add(document.ToRecord());
            }
        }

        return sample;
    }

    /// <summary>
    /// Annotations matching <paramref name="where"/> in <see cref="AnnotationOrder"/>, page by page from the last key
    /// seen: no OFFSET (the emulator has none), no continuation token to lose.
    /// </summary>
    async IAsyncEnumerable<AnnotationDocument> PageAnnotationsAsync(
        string where, IReadOnlyList<(string Name, object Value)> parameters, PartitionKey? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var containers = await _containers.GetAsync(cancellationToken);
        var pageSize = _options.QueryPageSize;
        AnnotationDocument? last = null;
        while (true)
        {
            var query = With(new QueryDefinition($"SELECT TOP {pageSize} * FROM c WHERE {where}{(last is null ? "" : " AND " + AfterLastAnnotation)}{AnnotationOrder}"), parameters);
            if (last is not null)
            {
                query = query.WithParameter("@lastRun", last.RunId).WithParameter("@lastItem", last.ItemId).WithParameter("@lastTask", last.Task)
                    .WithParameter("@lastRank", last.KindRank).WithParameter("@lastAnnotator", last.AnnotatorId);
            }

            var rows = 0;
            await foreach (var document in QueryAsync<AnnotationDocument>(containers.Annotations, query, prefix, pageSize, cancellationToken))
            {
                rows++;
                last = document;
                yield return document;
            }

            if (rows < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Adds one parameter per kind (by tier rank) and returns their names for an IN list.</summary>
    static string KindParameters(IReadOnlyCollection<AnnotatorKind> kinds, List<(string, object)> parameters) =>
        string.Join(", ", kinds.Distinct().Select((kind, i) =>
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@kind{i}");
            parameters.Add((name, (int)kind));
            return name;
        }));

    static QueryDefinition With(QueryDefinition query, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        return query;
    }

    static PartitionKey AnnotationKey(AnnotationDocument document) =>
        new PartitionKeyBuilder().Add(document.Dataset).Add(document.Task).Add(document.Id).Build();

    static PartitionKey TaskPrefix(string dataset, string task) => new PartitionKeyBuilder().Add(dataset).Add(task).Build();
}

using DataEngine.Core.Ports;
using DataEngine.Core.Runs;

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// Records a batch's annotations: one record per tier that answered, each with the cascade's decision after it, and the
/// label the item carries marked final. Upserts keyed by deterministic ids, so a retried commit changes nothing.
/// </summary>
public sealed class AnnotationCommitter(IBlobStore blobs, IRecordStore records, TimeProvider clock)
{
    public async Task<int> CommitAsync(string runId, string dataset, int batchIndex, CancellationToken cancellationToken = default)
    {
        var blob = RunPaths.Annotations(runId, batchIndex);
        if (await blobs.GetInfoAsync(blob, cancellationToken) is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var annotations = new List<AnnotationRecord>();
        await foreach (var state in JsonLines.ReadAsync<TaskAnnotationState>(blobs, blob, cancellationToken))
        {
            var final = state.Final;
            if (state.Light is { } light)
            {
                annotations.Add(Record(light, state.LightRoute, isFinal: final is not null && final.By == light.By));
            }

            if (state.Foundation is { } answer && state.FoundationRoute is { } route)
            {
                annotations.Add(Record(answer, route, isFinal: final is not null && final.By == answer.By));
            }

            // Each voting reviewer's answer; the one that gave the verdict is recorded as the verdict (agreement as confidence).
            foreach (var review in state.Reviews ?? [])
            {
                var verdict = state.Reviewed is { } reviewed && reviewed.By == review.By ? reviewed : null;
                annotations.Add(Record(verdict ?? review, new RouteDecision(Route.Human, review.Reason ?? "human review"), isFinal: verdict is not null && final == verdict));
            }

            AnnotationRecord Record(Annotation annotation, RouteDecision decision, bool isFinal) => new(
                runId,
                state.ItemId,
                dataset,
                annotation with { Reason = annotation.Failed || annotation.By.Kind == AnnotatorKind.Human ? annotation.Reason : decision.Reason, LowTrust = isFinal ? final!.LowTrust : annotation.LowTrust },
                decision.Route,
                isFinal,
                now);
        }

        if (annotations.Count > 0)
        {
            await records.UpsertAnnotationsAsync(annotations, cancellationToken);
        }

        return annotations.Count;
    }
}

using System.Globalization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>Annotation records for the record store contract, and the orders the store must return them in.</summary>
public static class AnnotationSamples
{
    public const string Topic = "topic";
    public const string Toxicity = "toxicity";

    /// <summary>The annotator a test uses for a tier: a rule set, a light head, a foundation model, a reviewer.</summary>
    public static Annotator AnnotatorOf(AnnotatorKind kind) => kind switch
    {
        AnnotatorKind.Rule => new Annotator(kind, "keyword-rules"),
        AnnotatorKind.LightModel => new Annotator(kind, "minilm-topic-head", "v3"),
        AnnotatorKind.FoundationModel => new Annotator(kind, "gpt-4o-mini", "2024-07-18"),
        _ => new Annotator(kind, "alice"),
    };

    /// <summary>An answer by <paramref name="by"/> (the tier's usual annotator when null) for item <paramref name="ordinal"/>.</summary>
    public static AnnotationRecord Annotated(
        string runId, string dataset, long ordinal, AnnotatorKind kind, string task = Topic, string? label = "sports", Annotator? by = null) =>
        new(
            runId, ItemId(ordinal), dataset,
            new Annotation(task, label, null, kind == AnnotatorKind.Human ? 1.0 : 0.5 + ordinal % 50 / 100.0, by ?? AnnotatorOf(kind),
                Cost: kind == AnnotatorKind.FoundationModel ? 0.00042375m : 0m, InputTokens: kind == AnnotatorKind.FoundationModel ? 812 : 0),
            kind == AnnotatorKind.Human ? Route.Human : Route.AcceptLight,
            Final: kind != AnnotatorKind.Rule,
            Start.AddSeconds(ordinal));

    public static AnnotationRecord Failed(AnnotationRecord record, string reason = "no usable answer after one retry") =>
        record with { Annotation = record.Annotation with { Label = null, Failed = true, Reason = reason } };

    public static AnnotatorKind KindOf(AnnotationRecord record) => record.Annotation.By.Kind;

    /// <summary>The ordinal in an <see cref="ItemId"/>.</summary>
    public static long OrdinalOf(AnnotationRecord record) => long.Parse(record.ItemId.AsSpan(5), CultureInfo.InvariantCulture);

    /// <summary>The run listing's order: item, task, tier (cheapest first), annotator id.</summary>
    public static List<AnnotationRecord> InRunOrder(IEnumerable<AnnotationRecord> records) => records
        .OrderBy(a => a.ItemId, StringComparer.Ordinal).ThenBy(a => a.Task, StringComparer.Ordinal)
        .ThenBy(KindOf).ThenBy(a => a.Annotation.By.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>The training labels' order: run, item, tier (cheapest first), annotator id.</summary>
    public static List<AnnotationRecord> InLabelOrder(IEnumerable<AnnotationRecord> records) => records
        .OrderBy(a => a.RunId, StringComparer.Ordinal).ThenBy(a => a.ItemId, StringComparer.Ordinal)
        .ThenBy(KindOf).ThenBy(a => a.Annotation.By.Id, StringComparer.Ordinal)
        .ToList();

    public static async Task<List<AnnotationRecord>> ListAnnotationsAsync(IRecordStore store, string runId, string? task = null)
    {
        var annotations = new List<AnnotationRecord>();
        await foreach (var annotation in store.ListAnnotationsAsync(runId, task))
        {
            annotations.Add(annotation);
        }

        return annotations;
    }

    public static async Task<List<AnnotationRecord>> ListLabelsAsync(IRecordStore store, string dataset, string task, params AnnotatorKind[] kinds)
    {
        var labels = new List<AnnotationRecord>();
        await foreach (var label in store.ListLabelsAsync(dataset, task, kinds))
        {
            labels.Add(label);
        }

        return labels;
    }
}

using DataEngine.Core.Annotations;

namespace DataEngine.Core.Ports;

/// <summary>
/// One annotator's answer for one item and task in one run, with the cascade's decision: the provenance of every label.
/// Keyed by (RunId, ItemId, Task, By.Kind, By.Id); writing it twice changes nothing. Exactly one record per item and task
/// is <see cref="Final"/>: the label the curated dataset carries (none when the item ended unlabelled).
/// </summary>
/// <param name="Route">Where the cascade sent the item after this annotator answered.</param>
/// <param name="Final">This record's label is the item's label for the task.</param>
/// <param name="CreatedAt">When the annotation was made; QA watches consistency over time with it.</param>
public sealed record AnnotationRecord(
    string RunId,
    string ItemId,
    string Dataset,
    Annotation Annotation,
    Route Route,
    bool Final,
    DateTimeOffset CreatedAt)
{
    public string Task => Annotation.Task;

    /// <summary>
    /// A number in [0, 1) fixed by the run, item, task and annotator ids and uniformly spread, so QA can draw a uniform
    /// random sample of automated annotations by taking those that follow a random start.
    /// </summary>
    public double SampleKey => SampleKeys.Of(RunId, $"{ItemId}/{Task}/{Annotation.By.Kind}/{Annotation.By.Id}");
}

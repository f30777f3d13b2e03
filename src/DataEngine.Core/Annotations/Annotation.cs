namespace DataEngine.Core.Annotations;

/// <summary>
/// One label for one item and task, with its provenance: who made it, how sure it was, what it cost, and why the cascade
/// routed the item there. Every annotation is kept, not only the final one, so QA can score each annotator.
/// </summary>
/// <param name="Label">The label (binary and multiclass tasks); null for score tasks or a failed attempt.</param>
/// <param name="Score">The number for score tasks.</param>
/// <param name="Confidence">The annotator's confidence in [0, 1]: a calibrated probability for light models, the model's
/// own stated confidence for foundation models, 1 for humans.</param>
/// <param name="Cost">Money spent on this annotation, in the currency the pipeline config prices models in.</param>
/// <param name="InputTokens">Prompt tokens (foundation tier).</param>
/// <param name="OutputTokens">Completion tokens (foundation tier).</param>
/// <param name="LatencyMs">Time the annotator took for this item (its share of a batched call).</param>
/// <param name="Reason">Why the cascade routed the item to this annotator, or why this attempt failed.</param>
/// <param name="Failed">The annotator was asked but gave no usable answer (retried once, then counted, never guessed).</param>
public sealed record Annotation(
    string Task,
    string? Label,
    double? Score,
    double Confidence,
    Annotator By,
    decimal Cost = 0m,
    int InputTokens = 0,
    int OutputTokens = 0,
    double LatencyMs = 0,
    string? Reason = null,
    bool LowTrust = false,
    bool Failed = false);

namespace DataEngine.Core.Annotations;

/// <summary>
/// Where a task stands in the SAM-style data engine (Kirillov et al., "Segment Anything", 2023, §4): humans label with
/// the model's help, then the model labels what it is sure of, then the model labels everything.
/// </summary>
public enum AnnotationStage
{
    /// <summary>Humans label every item; the models' labels are proposals shown to them.</summary>
    AssistedManual,

    /// <summary>The light model labels what it is sure of; the rest goes up the cascade to the foundation model or a human.</summary>
    SemiAutomatic,

    /// <summary>The models label everything; humans only verify QA samples.</summary>
    FullyAutomatic,
}

namespace DataEngine.Core.Annotations;

/// <summary>The tiers of annotators, cheapest first.</summary>
public enum AnnotatorKind
{
    Rule,
    LightModel,
    FoundationModel,
    Human,
}

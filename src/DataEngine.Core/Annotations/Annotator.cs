namespace DataEngine.Core.Annotations;

/// <summary>Who made an annotation: the tier, its id (model name or reviewer) and, for models, the version that answered.</summary>
public sealed record Annotator(AnnotatorKind Kind, string Id, string? Version = null)
{
    public override string ToString() => Version is null ? $"{Kind}:{Id}" : $"{Kind}:{Id}@{Version}";
}

namespace DataEngine.Core.Annotations;

/// <summary>What an annotation task asks for.</summary>
public enum AnnotationKind
{
    /// <summary>One of exactly two labels; the second is the positive class.</summary>
    Binary,

    /// <summary>One of two or more labels.</summary>
    Multiclass,

    /// <summary>A number in [0, 1] (a quality or relevance score). Light heads do not score these: they go to the foundation tier.</summary>
    Score,
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Ports;

/// <summary>
/// Port for the foundation-model tier: an OpenAI-compatible chat endpoint in DataEngine.Models. Asks about a batch of
/// items for one task and returns one annotation per item, in input order, failures included (never a guessed label).
/// </summary>
public interface IFoundationAnnotator
{
    /// <summary>The model's name, recorded as the annotator id.</summary>
    string ModelId { get; }

    Task<IReadOnlyList<Annotation>> AnnotateAsync(
        AnnotationTaskConfig task,
        IReadOnlyList<FoundationItem> items,
        CancellationToken cancellationToken = default);
}

/// <summary>One item sent to the foundation model: its id (for the answer to name) and its text.</summary>
public sealed record FoundationItem(string ItemId, string Text);

namespace DataEngine.Core.Annotations.Batches;

/// <summary>
/// Where one item stands for one task in a batch: each tier's answer so far and the cascade's decisions. One JSON line of
/// a batch's annotations blob, written by the light step and completed by the foundation step.
/// </summary>
/// <param name="LightProbabilities">The light prediction the cascade used (task label order); null when it had none it could trust.</param>
/// <param name="LightRoute">The decision after the light tier.</param>
/// <param name="FoundationRoute">The decision after the foundation model answered; null when it was not asked.</param>
/// <param name="Embedding">The item's sentence embedding when the light step computed one, kept so the heads can train on it.</param>
/// <param name="Reviews">The reviewers' answers that carry a vote (one per reviewer, in the order they answered); null before review.</param>
/// <param name="Reviewed">The reviewers' verdict: the label they agreed on, by the first reviewer who gave it, with the
/// share of votes as confidence; null while no verdict stands (no answer yet, a tie, or only rejections of a multiclass label).</param>
public sealed record TaskAnnotationState(
    string ItemId,
    string Task,
    Annotation? Light,
    IReadOnlyList<float>? LightProbabilities,
    RouteDecision LightRoute,
    Annotation? Foundation = null,
    RouteDecision? FoundationRoute = null,
    IReadOnlyList<float>? Embedding = null,
    IReadOnlyList<Annotation>? Reviews = null,
    Annotation? Reviewed = null)
{
    /// <summary>The decision that stands now.</summary>
    public RouteDecision Decision => FoundationRoute ?? LightRoute;

    /// <summary>True when the light step sent the item to the foundation model and it has not answered yet.</summary>
    public bool AwaitsFoundation => LightRoute.Route == Route.Foundation && Foundation is null;

    /// <summary>
    /// The annotation whose label the item carries: the light label when accepted, the foundation answer when it stands.
    /// An item sent to human review carries the reviewers' verdict once there is one, and until then the best model
    /// label, low trust (the review is pending, or its deadline passed unanswered); an item the
    /// foundation model was never asked about (no endpoint, the run stopped) or that ended unlabelled carries none.
    /// </summary>
    public Annotation? Final => Decision.Route switch
    {
        Route.AcceptLight => Light is { Failed: false } light ? light with { LowTrust = light.LowTrust || Decision.LowTrust } : null,
        Route.Foundation when FoundationRoute is not null => Foundation is { Failed: false } answer ? answer with { LowTrust = answer.LowTrust || Decision.LowTrust } : null,
        Route.Human when Reviewed is { } verdict => verdict,
        Route.Human => BestModel is { } best ? best with { LowTrust = true } : null,
        _ => null,
    };

    /// <summary>The most expensive model answer that is usable: what a reviewer's "approve" accepts.</summary>
    public Annotation? BestModel => Foundation is { Failed: false } ? Foundation : Light is { Failed: false } ? Light : null;

    /// <summary>The light prediction as the cascade saw it.</summary>
    public LabelPrediction? LightPrediction(IReadOnlyList<string> labels) =>
        LightProbabilities is { } p && labels.Count == p.Count ? new LabelPrediction(labels, p) : null;
}

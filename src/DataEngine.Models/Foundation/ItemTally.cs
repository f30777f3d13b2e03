using DataEngine.Core.Annotations;

namespace DataEngine.Models.Foundation;

/// <summary>
/// What asking about one item cost over every request it was part of (a re-asked item pays for both), and how it ended.
/// </summary>
internal sealed class ItemTally
{
    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public double LatencyMs { get; set; }

    public int Attempts { get; set; }

    public ItemAnswer? Answer { get; set; }

    public string? Problem { get; set; }

    /// <summary>Set when the request itself failed (after the resilience handler gave up): the item was never answered.</summary>
    public bool TransportFailed { get; set; }

    public Annotation ToAnnotation(string task, Annotator by, FoundationModelOptions options)
    {
        var cost = (InputTokens * options.InputCostPer1MTokens + OutputTokens * options.OutputCostPer1MTokens) / 1_000_000m;
        if (Answer is { } answer)
        {
            return new Annotation(task, answer.Label, answer.Score, answer.Confidence, by, cost, InputTokens, OutputTokens, LatencyMs);
        }

        var reason = TransportFailed || Attempts <= 1
            ? Problem ?? "no answer"
            : $"no usable answer after {Attempts} attempts: {Problem}";
        return new Annotation(task, Label: null, Score: null, Confidence: 0, by, cost, InputTokens, OutputTokens, LatencyMs, reason, Failed: true);
    }
}

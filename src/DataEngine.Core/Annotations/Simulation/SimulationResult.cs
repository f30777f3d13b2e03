namespace DataEngine.Core.Annotations.Simulation;

/// <summary>What a simulated run gave: where the items' labels came from, how many are right, what the foundation tier cost.</summary>
public sealed class SimulationResult
{
    readonly int[] _tiers = new int[Enum.GetValues<SimulatedTier>().Length];

    public SimulationResult(CascadePolicy policy, IReadOnlyList<SimulatedOutcome> outcomes, decimal foundationCost)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Policy = policy;
        Outcomes = outcomes;
        FoundationCost = foundationCost;
        foreach (var outcome in outcomes)
        {
            _tiers[(int)outcome.Tier]++;
            Correct += outcome.Correct ? 1 : 0;
            FoundationCalls += outcome.AskedFoundation ? 1 : 0;
        }
    }

    public CascadePolicy Policy { get; }

    /// <summary>Every item's outcome, in input order.</summary>
    public IReadOnlyList<SimulatedOutcome> Outcomes { get; }

    public int Items => Outcomes.Count;

    /// <summary>Items whose final label is the true one.</summary>
    public int Correct { get; }

    /// <summary>Items the foundation model was asked about.</summary>
    public int FoundationCalls { get; }

    public decimal FoundationCost { get; }

    /// <summary>Right labels over all items; an unlabelled item counts as not right, so leaving items out cannot raise it.</summary>
    public double Accuracy => Items == 0 ? 0 : (double)Correct / Items;

    /// <summary>Share of items sent to the foundation model.</summary>
    public double FoundationCallShare => Items == 0 ? 0 : (double)FoundationCalls / Items;

    public int Count(SimulatedTier tier) => _tiers[(int)tier];

    /// <summary>Share of items whose final label came from <paramref name="tier"/>; the shares of all tiers sum to 1.</summary>
    public double Share(SimulatedTier tier) => Items == 0 ? 0 : (double)Count(tier) / Items;

    public override string ToString() =>
        $"{Policy}: accuracy {Accuracy:P2}, foundation calls {FoundationCallShare:P1}, "
        + string.Join(", ", Enum.GetValues<SimulatedTier>().Select(t => $"{t} {Share(t):P1}"));
}

using System.IO.Hashing;
using System.Text;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Annotations.Simulation;

/// <summary>
/// A stand-in for the foundation tier: answers the true label except at a configured error rate, when it names another
/// of the task's labels uniformly at random, and states one confidence when right and another when wrong.
/// </summary>
/// <remarks>
/// The randomness is a seeded hash of the item id, not a sequence: an item gets the same answer whichever policy asks
/// and in whatever order, so policies are compared on the same draws (common random numbers) and a run is reproducible
/// on any machine (string hash codes are randomised per process; XxHash64 is not).
/// </remarks>
public sealed class SimulatedFoundationModel
{
    public SimulatedFoundationModel(double errorRate, int seed)
    {
        if (errorRate is < 0 or > 1 || double.IsNaN(errorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(errorRate), errorRate, "an error rate is in [0, 1]");
        }

        ErrorRate = errorRate;
        Seed = seed;
    }

    /// <summary>Share of answers that name a wrong label.</summary>
    public double ErrorRate { get; }

    public int Seed { get; }

    /// <summary>Stated confidence of a right answer.</summary>
    public double ConfidenceWhenRight { get; init; } = 0.9;

    /// <summary>Stated confidence of a wrong answer.</summary>
    public double ConfidenceWhenWrong { get; init; } = 0.6;

    /// <summary>Share of calls that fail (no usable answer), drawn independently of errors.</summary>
    public double FailureRate { get; init; }

    /// <summary>What one item costs.</summary>
    public decimal CostPerItem { get; init; }

    public string ModelId { get; init; } = "simulated-foundation";

    /// <summary>The model's annotation of one item.</summary>
    public Annotation Answer(AnnotationTaskConfig task, SimulatedItem item)
    {
        var by = new Annotator(AnnotatorKind.FoundationModel, ModelId, "sim");
        var (failDraw, errorDraw, labelDraw) = Draws(item.ItemId);
        if (failDraw < FailureRate)
        {
            return new Annotation(task.Name, null, null, 0, by, CostPerItem, Reason: "simulated failure", Failed: true);
        }

        if (errorDraw >= ErrorRate)
        {
            return new Annotation(task.Name, item.TrueLabel, null, ConfidenceWhenRight, by, CostPerItem);
        }

        var others = task.Labels.Where(l => !string.Equals(l, item.TrueLabel, StringComparison.Ordinal)).ToArray();
        var wrong = others[Math.Min((int)(labelDraw * others.Length), others.Length - 1)];
        return new Annotation(task.Name, wrong, null, ConfidenceWhenWrong, by, CostPerItem);
    }

    /// <summary>Three independent uniform draws in [0, 1) for an item: one XxHash64 of its id, stretched by SplitMix64.</summary>
    (double Fail, double Error, double Label) Draws(string itemId)
    {
        var state = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(itemId), Seed);
        return (Unit(ref state), Unit(ref state), Unit(ref state));
    }

    static double Unit(ref ulong state)
    {
        // SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

/// <summary>Seeded synthetic training data: unit-length 384-d embeddings around one centre per label, and word soups.</summary>
static class Synthetic
{
    public const int Dimensions = 384;

    public static AnnotationTaskConfig Binary(string name = "spam") => new()
    {
        Name = name,
        Kind = AnnotationKind.Binary,
        Labels = ["ham", "spam"],
        Instructions = "Is this mail unsolicited bulk mail?",
    };

    public static AnnotationTaskConfig Multiclass(params string[] labels) => new()
    {
        Name = "topic",
        Kind = AnnotationKind.Multiclass,
        Labels = labels,
        Instructions = "Which topic is this text about?",
    };

    /// <summary>
    /// <paramref name="perLabel"/> items per label: the label's centre plus Gaussian noise of
    /// <paramref name="spread"/> per coordinate, L2-normalised. <paramref name="spreadFor"/> overrides the spread per item id.
    /// </summary>
    public static List<HeadExample> Embeddings(
        IReadOnlyList<string> labels, int perLabel, double spread, int seed = 1, Func<string, double>? spreadFor = null, string prefix = "item")
    {
        var centres = Centres(labels.Count, seed);
        var random = new Random(seed + 1000);
        var examples = new List<HeadExample>();
        for (var i = 0; i < perLabel; i++)
        {
            for (var k = 0; k < labels.Count; k++)
            {
                var id = $"{prefix}-{i:D4}-{k}";
                examples.Add(new HeadExample(id, labels[k], Around(centres[k], spreadFor?.Invoke(id) ?? spread, random)));
            }
        }

        return examples;
    }

    /// <summary>The same items with the labels of those in <paramref name="part"/> shuffled among them: no signal left there.</summary>
    public static List<T> Scrambled<T>(List<T> examples, HeadOptions options, HeadSplitPart part, int seed, Func<T, string, T> relabel)
        where T : ILabeledItem
    {
        var chosen = examples.Select((e, i) => (e, i)).Where(p => HeadSplit.Assign(p.e.ItemId, options) == part).Select(p => p.i).ToArray();
        var labels = chosen.Select(i => examples[i].Label).ToArray();
        new Random(seed).Shuffle(labels);
        var scrambled = examples.ToList();
        for (var j = 0; j < chosen.Length; j++)
        {
            scrambled[chosen[j]] = relabel(examples[chosen[j]], labels[j]);
        }

        return scrambled;
    }

    public static float[][] Centres(int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, classes).Select(_ => Normalise(Enumerable.Range(0, Dimensions).Select(_ => (float)Gaussian(random)).ToArray())).ToArray();
    }

    /// <summary>
    /// Texts of 30 words: each word from the label's own vocabulary with probability <paramref name="signal"/>, else from a
    /// shared one, so the label is in the words but no single word decides it.
    /// </summary>
    public static List<NgramExample> Texts(IReadOnlyList<string> labels, int perLabel, double signal, int seed = 1, string prefix = "text")
    {
        var random = new Random(seed);
        var shared = Enumerable.Range(0, 400).Select(i => $"common{i}").ToArray();
        var examples = new List<NgramExample>();
        for (var i = 0; i < perLabel; i++)
        {
            for (var k = 0; k < labels.Count; k++)
            {
                var words = Enumerable.Range(0, 30).Select(_ => random.NextDouble() < signal ? $"{labels[k]}word{random.Next(40)}" : shared[random.Next(shared.Length)]);
                examples.Add(new NgramExample($"{prefix}-{i:D4}-{k}", labels[k], string.Join(' ', words)));
            }
        }

        return examples;
    }

    /// <summary>Examples' embeddings as one row-major block.</summary>
    public static float[] Block(IEnumerable<HeadExample> examples) => examples.SelectMany(e => e.Embedding.ToArray()).ToArray();

    static float[] Around(float[] centre, double spread, Random random)
    {
        var v = new float[centre.Length];
        for (var j = 0; j < v.Length; j++)
        {
            v[j] = centre[j] + (float)(spread * Gaussian(random));
        }

        return Normalise(v);
    }

    static float[] Normalise(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

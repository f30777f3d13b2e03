using System.Numerics;
using System.Runtime.InteropServices;

namespace DataEngine.Core.Annotations.ActiveLearning;

/// <summary>
/// k-center greedy (Sener &amp; Savarese, "Active Learning for Convolutional Neural Networks: A Core-Set Approach", ICLR
/// 2018, Algorithm 1): repeatedly pick the point whose cosine distance to its nearest centre (a labelled item or an
/// earlier pick) is largest, a 2-approximation of the minimax cover. Picking what the labelled set covers worst keeps a
/// batch from spending its budget on near-duplicates, which uncertainty sampling alone tends to do.
/// </summary>
public static class KCenterGreedy
{
    /// <summary>One pick: the index into the points and its distance to the nearest centre when it was picked.</summary>
    public readonly record struct Pick(int Index, double Distance);

    /// <param name="points">The candidates' embeddings (any length, all the same; need not be normalised).</param>
    /// <param name="ids">The candidates' ids, for breaking distance ties (smaller id first).</param>
    /// <param name="centres">Embeddings of what is already labelled; may be empty.</param>
    /// <param name="count">How many to pick (at most the number of points).</param>
    /// <param name="seed">With no centres, the first pick is a seeded uniform draw (distance reported as 1).</param>
    public static IReadOnlyList<Pick> Select(
        IReadOnlyList<ReadOnlyMemory<float>> points, IReadOnlyList<string> ids, IReadOnlyList<ReadOnlyMemory<float>> centres, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (points.Count != ids.Count)
        {
            throw new ArgumentException($"One id per point is needed ({points.Count} points, {ids.Count} ids).", nameof(ids));
        }

        count = Math.Min(count, points.Count);
        var picks = new List<Pick>(count);
        if (count == 0)
        {
            return picks;
        }

        var unit = points.Select(Normalise).ToArray();
        var nearest = new double[unit.Length];
        Array.Fill(nearest, double.PositiveInfinity);
        foreach (var centre in centres)
        {
            var c = Normalise(centre);
            Update(unit, nearest, c);
        }

        var taken = new bool[unit.Length];
        while (picks.Count < count)
        {
            int best;
            double distance;
            if (picks.Count == 0 && centres.Count == 0)
            {
                // Sort by id first, so the seeded draw does not depend on the caller's order.
                var byId = Enumerable.Range(0, ids.Count).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
                best = byId[new Random(seed).Next(byId.Length)];
                distance = 1;
            }
            else
            {
                best = -1;
                distance = double.NegativeInfinity;
                for (var i = 0; i < unit.Length; i++)
                {
                    if (!taken[i] && (best < 0 || nearest[i] > distance || (nearest[i] == distance && string.CompareOrdinal(ids[i], ids[best]) < 0)))
                    {
                        best = i;
                        distance = nearest[i];
                    }
                }
            }

            taken[best] = true;
            picks.Add(new Pick(best, distance));
            Update(unit, nearest, unit[best]);
        }

        return picks;
    }

    /// <summary>Cosine distance 1 − cos(a, b) of two vectors of the same length (1 when either is zero).</summary>
    public static double CosineDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = Math.Sqrt(Dot(a, a));
        var nb = Math.Sqrt(Dot(b, b));
        return na == 0 || nb == 0 ? 1 : 1 - (Dot(a, b) / (na * nb));
    }

    static void Update(float[][] unit, double[] nearest, float[] centre)
    {
        for (var i = 0; i < unit.Length; i++)
        {
            // Clamped: rounding can make 1 − cos of a vector with itself slightly negative.
            var d = Math.Max(0, 1 - Dot(unit[i], centre));
            if (d < nearest[i])
            {
                nearest[i] = d;
            }
        }
    }

    static float[] Normalise(ReadOnlyMemory<float> vector)
    {
        var copy = vector.ToArray();
        var norm = Math.Sqrt(Dot(copy, copy));
        if (norm > 0)
        {
            var scale = (float)(1 / norm);
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] *= scale;
            }
        }

        return copy;
    }

    static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Embeddings of different lengths ({a.Length} and {b.Length}) cannot be compared.");
        }

        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var k = 0; k < va.Length; k++)
            {
                sum += va[k] * vb[k];
            }

            i = va.Length * Vector<float>.Count;
        }

        double total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}

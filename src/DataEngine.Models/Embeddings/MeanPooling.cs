using System.Numerics;
using System.Runtime.InteropServices;

namespace DataEngine.Models.Embeddings;

/// <summary>
/// Sentence-Transformers' pooling for all-MiniLM-L6-v2: the mean of the token vectors the attention mask keeps, then
/// L2 normalisation (its Pooling and Normalize modules).
/// </summary>
static class MeanPooling
{
    /// <summary>
    /// Writes the normalised mean of the first <paramref name="tokens"/> rows of <paramref name="hidden"/> (rows of
    /// destination.Length floats) into <paramref name="destination"/>. The tokenizer pads at the end, so the rows the
    /// mask keeps are exactly the first ones.
    /// </summary>
    public static void PoolNormalized(ReadOnlySpan<float> hidden, int tokens, Span<float> destination)
    {
        var dims = destination.Length;
        destination.Clear();
        for (var t = 0; t < tokens; t++)
        {
            Add(hidden.Slice(t * dims, dims), destination);
        }

        // The mean's 1/tokens factor cancels in the normalisation, so the sum is normalised directly.
        var squares = 0d;
        foreach (var value in destination)
        {
            squares += value * value;
        }

        // Sentence-Transformers' Normalize divides by max(norm, 1e-12): a zero vector stays zero instead of NaN.
        var inverse = (float)(1 / Math.Max(Math.Sqrt(squares), 1e-12));
        foreach (ref var value in destination)
        {
            value *= inverse;
        }
    }

    static void Add(ReadOnlySpan<float> row, Span<float> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<float>.Count)
        {
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            var sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
            for (var v = 0; v < rows.Length; v++)
            {
                sums[v] += rows[v];
            }

            i = rows.Length * Vector<float>.Count;
        }

        for (; i < row.Length; i++)
        {
            sum[i] += row[i];
        }
    }
}

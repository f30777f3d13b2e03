using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DataEngine.Models.HashedNgrams;

/// <summary>
/// Turns a text into a sparse vector without a vocabulary: words (runs of letters and digits, lower-cased) and word
/// bigrams hashed into 2^bits buckets (the hashing trick, Weinberger et al., "Feature hashing for large scale multitask
/// learning", ICML 2009), weighted by sublinear term frequency 1 + ln(tf) and L2-normalised. Each word is hashed once
/// (XxHash3); bigrams combine the two word hashes. Allocation-free apart from growing the caller's buffers.
/// </summary>
public sealed class NgramFeaturizer
{
    /// <summary>Characters of a word that are hashed; the rest of a longer "word" (base64, a URL) adds nothing.</summary>
    const int MaxWordChars = 64;
    const ulong Golden = 0x9E3779B97F4A7C15UL;

    readonly int _shift;

    /// <param name="bits">log2 of the number of buckets (18: 262,144).</param>
    /// <param name="maxWords">Words read per text: bounds the cost of one huge item; mail says what it is early.</param>
    public NgramFeaturizer(int bits = 18, int maxWords = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 26);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        Bits = bits;
        MaxWords = maxWords;
        _shift = 64 - bits;
    }

    public int Bits { get; }

    public int MaxWords { get; }

    public int Dimensions => 1 << Bits;

    /// <summary>Names the featurization exactly; recorded in head manifests and part of the training-set hash.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"hashed-ngrams/v1;xxhash3;lower-words;uni+bi;bits={Bits};sublinear-tf;l2;max-words={MaxWords}");

    /// <summary>
    /// Writes the text's features into <paramref name="indices"/> (ascending, distinct) and <paramref name="values"/>,
    /// growing them if needed, and returns how many there are.
    /// </summary>
    public int Featurize(ReadOnlySpan<char> text, ref int[] indices, ref float[] values)
    {
        var buckets = ArrayPool<int>.Shared.Rent(Math.Min(2 * MaxWords, text.Length + 2));
        try
        {
            var count = Buckets(text, buckets);
            return Weigh(buckets.AsSpan(0, count), ref indices, ref values);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buckets);
        }
    }

    /// <summary>The bucket of every unigram and bigram, in text order; returns how many.</summary>
    int Buckets(ReadOnlySpan<char> text, int[] buckets)
    {
        Span<char> word = stackalloc char[MaxWordChars];
        var count = 0;
        var words = 0;
        var previous = 0UL;
        var i = 0;
        while (i < text.Length && words < MaxWords)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var length = 0;
            for (; i < text.Length && char.IsLetterOrDigit(text[i]); i++)
            {
                if (length < MaxWordChars)
                {
                    word[length++] = char.ToLowerInvariant(text[i]);
                }
            }

            var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word[..length]));
            if (count == buckets.Length)
            {
                break;
            }

            buckets[count++] = (int)((hash * Golden) >> _shift);
            if (words > 0 && count < buckets.Length)
            {
                // A different mix than unigrams', so a bigram does not land where either of its words does.
                var pair = (BitOperations.RotateLeft(previous, 23) ^ hash) + 0xD6E8FEB86659FD93UL;
                buckets[count++] = (int)((pair * 0xFF51AFD7ED558CCDUL) >> _shift);
            }

            previous = hash;
            words++;
        }

        return count;
    }

    static int Weigh(Span<int> buckets, ref int[] indices, ref float[] values)
    {
        buckets.Sort();
        if (indices.Length < buckets.Length)
        {
            indices = new int[buckets.Length];
            values = new float[buckets.Length];
        }

        var n = 0;
        var sumSquares = 0.0;
        for (var i = 0; i < buckets.Length;)
        {
            var start = i;
            while (i < buckets.Length && buckets[i] == buckets[start])
            {
                i++;
            }

            var weight = 1 + MathF.Log(i - start);
            indices[n] = buckets[start];
            values[n] = weight;
            sumSquares += weight * weight;
            n++;
        }

        var scale = sumSquares > 0 ? (float)(1 / Math.Sqrt(sumSquares)) : 0f;
        for (var k = 0; k < n; k++)
        {
            values[k] *= scale;
        }

        return n;
    }
}

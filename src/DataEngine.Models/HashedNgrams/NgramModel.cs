using System.Buffers.Binary;

namespace DataEngine.Models.HashedNgrams;

/// <summary>
/// A linear model over hashed n-gram features, scored in C#: a sparse dot product per output, which is the whole cost
/// besides featurizing (an ONNX graph would need the 2^18-wide dense input per row). Raw scores are the binary margin
/// w·x + b, or one logit per label for a multiclass model. Stored as its non-zero weights only.
/// </summary>
public sealed class NgramModel
{
    const uint Magic = 0x4D4C474E; // "NGLM"
    const int FormatVersion = 1;

    // Feature-major (weights of one bucket for every output side by side): one cache line per feature, not one per output.
    readonly float[] _weights;
    readonly float[] _biases;

    public NgramModel(int dimensions, int outputs, float[] weights, float[] biases)
    {
        if (dimensions < 1 || outputs < 1 || weights.Length != dimensions * outputs || biases.Length != outputs)
        {
            throw new ArgumentException($"An n-gram model of {dimensions} features and {outputs} outputs needs {dimensions * outputs} weights and {outputs} biases (got {weights.Length}, {biases.Length}).");
        }

        Dimensions = dimensions;
        Outputs = outputs;
        _weights = weights;
        _biases = biases;
    }

    public int Dimensions { get; }

    /// <summary>Raw scores per row: 1 (binary margin) or the number of labels.</summary>
    public int Outputs { get; }

    /// <summary>The weight of feature <paramref name="feature"/> for output <paramref name="output"/>.</summary>
    public float Weight(int feature, int output) => _weights[feature * Outputs + output];

    public float Bias(int output) => _biases[output];

    /// <summary>Writes the raw scores of one featurized text.</summary>
    public void RawScores(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> raw)
    {
        _biases.CopyTo(raw);
        for (var i = 0; i < indices.Length; i++)
        {
            var row = _weights.AsSpan(indices[i] * Outputs, Outputs);
            var value = values[i];
            for (var k = 0; k < row.Length; k++)
            {
                raw[k] += row[k] * value;
            }
        }
    }

    /// <summary>Little-endian: magic, format, dimensions, outputs, biases, count of non-zero features, then each as (index, weights).</summary>
    public byte[] Serialize()
    {
        var nonZero = 0;
        for (var f = 0; f < Dimensions; f++)
        {
            nonZero += _weights.AsSpan(f * Outputs, Outputs).ContainsAnyExcept(0f) ? 1 : 0;
        }

        var bytes = new byte[4 * (5 + Outputs) + nonZero * 4 * (1 + Outputs)];
        var span = bytes.AsSpan();
        var at = 0;
        Put(span, ref at, (int)Magic);
        Put(span, ref at, FormatVersion);
        Put(span, ref at, Dimensions);
        Put(span, ref at, Outputs);
        foreach (var bias in _biases)
        {
            Put(span, ref at, bias);
        }

        Put(span, ref at, nonZero);
        for (var f = 0; f < Dimensions; f++)
        {
            var row = _weights.AsSpan(f * Outputs, Outputs);
            if (row.ContainsAnyExcept(0f))
            {
                Put(span, ref at, f);
                foreach (var w in row)
                {
                    Put(span, ref at, w);
                }
            }
        }

        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a serialized n-gram model.</exception>
    public static NgramModel Deserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var at = 0;
            if ((uint)GetInt(bytes, ref at) != Magic || GetInt(bytes, ref at) != FormatVersion)
            {
                throw new InvalidDataException("Not an n-gram model (format 1).");
            }

            var dimensions = GetInt(bytes, ref at);
            var outputs = GetInt(bytes, ref at);
            var biases = new float[outputs];
            for (var k = 0; k < outputs; k++)
            {
                biases[k] = GetFloat(bytes, ref at);
            }

            var weights = new float[checked(dimensions * outputs)];
            var nonZero = GetInt(bytes, ref at);
            for (var n = 0; n < nonZero; n++)
            {
                var feature = GetInt(bytes, ref at);
                for (var k = 0; k < outputs; k++)
                {
                    weights[checked(feature * outputs + k)] = GetFloat(bytes, ref at);
                }
            }

            return new NgramModel(dimensions, outputs, weights, biases);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException($"Truncated or corrupt n-gram model: {e.Message}", e);
        }
    }

    static void Put(Span<byte> span, ref int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
        at += 4;
    }

    static void Put(Span<byte> span, ref int at, float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(span[at..], value);
        at += 4;
    }

    static int GetInt(ReadOnlySpan<byte> span, ref int at)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        return value;
    }

    static float GetFloat(ReadOnlySpan<byte> span, ref int at)
    {
        var value = BinaryPrimitives.ReadSingleLittleEndian(span[at..]);
        at += 4;
        return value;
    }
}

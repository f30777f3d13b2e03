using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace DataEngine.Models.Heads;

/// <summary>
/// One ONNX head version loaded into an ONNX Runtime session: feature rows in, raw scores out (the binary margin, or
/// log-probabilities as multiclass logits). Safe to call from several threads; sessions are created once per version.
/// </summary>
internal sealed class OnnxHead : IDisposable
{
    /// <summary>The input ML.NET's exporter names after the features column.</summary>
    public const string InputName = "Features";

    /// <summary>The output ML.NET's exporter names after the score column.</summary>
    public const string OutputName = "Score.output";

    // A multiclass export ends in softmax; its log is a logit up to a per-row constant, which softmax ignores. Zero
    // probabilities (float underflow) are floored so the log stays finite.
    const float MinProbability = 1e-30f;

    readonly InferenceSession _session;
    readonly RunOptions _runOptions = new();
    readonly string[] _inputNames = [InputName];
    readonly string[] _outputNames = [OutputName];

    public OnnxHead(byte[] model, int dimensions, int classes, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        _session = new InferenceSession(model, options);
        Dimensions = dimensions;
        Classes = classes;
        if (!_session.InputMetadata.ContainsKey(InputName) || !_session.OutputMetadata.ContainsKey(OutputName))
        {
            var found = $"inputs {string.Join(", ", _session.InputMetadata.Keys)}; outputs {string.Join(", ", _session.OutputMetadata.Keys)}";
            Dispose();
            throw new InvalidDataException($"Head model lacks input '{InputName}' or output '{OutputName}' ({found}).");
        }
    }

    public int Dimensions { get; }

    public int Classes { get; }

    /// <summary>Raw scores, row-major: <see cref="HeadCalibration.RawWidth"/> per row.</summary>
    public float[] RawScores(ReadOnlyMemory<float> features, int rows)
    {
        if (rows < 0 || features.Length != rows * Dimensions)
        {
            throw new ArgumentException($"Expected {rows} rows of {Dimensions} features ({(long)rows * Dimensions} floats), got {features.Length} floats.", nameof(features));
        }

        var width = HeadCalibration.RawWidth(Classes);
        if (rows == 0)
        {
            return [];
        }

        // ORT only reads its inputs, so handing it the caller's read-only memory is safe.
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(features), [rows, Dimensions]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        if (scores.Length != rows * (Classes == 2 ? 1 : Classes))
        {
            throw new InvalidDataException($"Head model returned {scores.Length} scores for {rows} rows of a {Classes}-label head.");
        }

        var raw = scores.ToArray();
        if (width > 1)
        {
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = MathF.Log(Math.Max(raw[i], MinProbability));
            }
        }

        return raw;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}

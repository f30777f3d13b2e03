using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Models;
using DataEngine.Models.Embeddings;

namespace DataEngine.Cli.Bench;

/// <summary>
/// MiniLM embeddings of the bench's decoded texts through the engine's <see cref="OnnxTextEmbedder"/>, computed once and
/// cached in the temp folder. The cache is keyed by a hash of the embedder's model id (model, package, pooling, token
/// limit) and of the decoded texts themselves, which covers the corpus bytes and the decoder that turned them into text.
/// </summary>
sealed record ActiveLearningBenchEmbeddings(float[] Vectors, int Dimensions, string ModelId, int MaxTokens, string CachePath, bool FromCache, double Seconds)
{
    /// <summary>Embeds <paramref name="texts"/> (row-major result, one row per text) or reads them from the cache.</summary>
    public static ActiveLearningBenchEmbeddings Load(IReadOnlyList<string> texts, int maxTokens, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var embedder = new OnnxTextEmbedder(new ModelsOptions { MaxTokens = maxTokens });
        var path = Path.Combine(Path.GetTempPath(), $"dataengine-bench-al-embeddings-{Key(texts, embedder.ModelId)}.f32");
        var dimensions = embedder.Dimensions;
        if (TryRead(path, texts.Count * dimensions) is { } cached)
        {
            return new(cached, dimensions, embedder.ModelId, maxTokens, path, FromCache: true, clock.Elapsed.TotalSeconds);
        }

        var vectors = new float[texts.Count * dimensions];
        embedder.Embed(texts, vectors, cancellationToken);

        // Written beside the cache and moved into place, so a run stopped half-way never leaves a short file to be read.
        var partial = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(partial, MemoryMarshal.AsBytes(vectors.AsSpan()));
        File.Move(partial, path, overwrite: true);
        return new(vectors, dimensions, embedder.ModelId, maxTokens, path, FromCache: false, clock.Elapsed.TotalSeconds);
    }

    static string Key(IReadOnlyList<string> texts, string modelId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(modelId));
        foreach (var text in texts)
        {
            // Length-prefixed, so that no two different lists of texts hash the same bytes.
            hash.AppendData(BitConverter.GetBytes(text.Length));
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    static float[]? TryRead(string path, int floats)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length == floats * sizeof(float) ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

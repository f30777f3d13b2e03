using DataEngine.Models.Embeddings;

namespace DataEngine.Models.Tests.Embeddings;

/// <summary>One embedder with the default options for every test that needs no other: loading the model takes a second.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public OnnxTextEmbedder Embedder { get; } = new(new ModelsOptions());

    public float[] Embed(params string[] texts) => Embed(Embedder, texts);

    public static float[] Embed(OnnxTextEmbedder embedder, params string[] texts)
    {
        var result = new float[texts.Length * embedder.Dimensions];
        embedder.Embed(texts, result);
        return result;
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return (float)(dot / Math.Sqrt(aa * bb));
    }

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "embedder";
}

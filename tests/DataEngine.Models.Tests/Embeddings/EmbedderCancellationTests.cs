using System.Collections;
using DataEngine.Models.Embeddings;

namespace DataEngine.Models.Tests.Embeddings;

public sealed class EmbedderCancellationTests
{
    [Fact]
    public void A_cancelled_call_embeds_nothing()
    {
        using var embedder = new OnnxTextEmbedder(new ModelsOptions { BatchSize = 2 });
        var destination = new float[4 * embedder.Dimensions];

        Assert.ThrowsAny<OperationCanceledException>(() => embedder.Embed(["a", "b", "c", "d"], destination, new CancellationToken(canceled: true)));
        Assert.All(destination, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Cancelling_during_a_call_stops_it_before_the_next_batch()
    {
        using var embedder = new OnnxTextEmbedder(new ModelsOptions { BatchSize = 2 });
        using var cancellation = new CancellationTokenSource();
        // Equal lengths keep the input order; the token is cancelled while the first batch is being tokenized.
        var texts = new CancelOnFirstBatch(["text 1", "text 2", "text 3", "text 4", "text 5", "text 6"], cancellation);
        var destination = new float[texts.Count * embedder.Dimensions];

        Assert.ThrowsAny<OperationCanceledException>(() => embedder.Embed(texts, destination, cancellation.Token));

        var embedded = Enumerable.Range(0, texts.Count).Count(i => destination.AsSpan(i * embedder.Dimensions, embedder.Dimensions).ContainsAnyExcept(0f));
        Assert.Equal(2, embedded);
    }

    /// <summary>
    /// Cancels its token on the first read after every text has been read once (the embedder reads them all to order
    /// them by length, then again batch by batch): that is, inside the first batch.
    /// </summary>
    sealed class CancelOnFirstBatch(string[] texts, CancellationTokenSource cancellation) : IReadOnlyList<string>
    {
        int _reads;

        public string this[int index]
        {
            get
            {
                if (++_reads == texts.Length + 1)
                {
                    cancellation.Cancel();
                }

                return texts[index];
            }
        }

        public int Count => texts.Length;

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)texts).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

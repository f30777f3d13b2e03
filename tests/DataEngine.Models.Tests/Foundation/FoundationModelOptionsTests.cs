using DataEngine.Core.Ports;
using DataEngine.Models.Foundation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>Configuration mistakes are reported at start-up, with the setting to fix, before any item is sent.</summary>
public sealed class FoundationModelOptionsTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/v1/");

    [Fact]
    public void The_test_settings_and_the_defaults_are_valid()
    {
        Assert.Empty(Problems(new()));
        Assert.Empty(Problems(new() { ["RequestTimeout"] = null, ["TotalTimeout"] = null, ["MaxRetries"] = null, ["RetryBaseDelay"] = null, ["CircuitBreakerSamplingDuration"] = null }));
    }

    [Theory]
    [InlineData("Endpoint", null, "Endpoint")]
    [InlineData("Endpoint", "v1/chat", "absolute http(s) URI")]
    [InlineData("Model", "", "Model")]
    [InlineData("ItemsPerRequest", "0", "ItemsPerRequest")]
    [InlineData("InputCostPer1MTokens", "-1", "InputCostPer1MTokens")]
    [InlineData("TotalTimeout", "00:00:04", "must be longer than RequestTimeout")]
    [InlineData("CircuitBreakerSamplingDuration", "00:00:09", "at least twice RequestTimeout")]
    [InlineData("RetryBaseDelay", "00:00:08", "wait longer than TotalTimeout")]
    public void A_bad_setting_is_named(string key, string? value, string expected) =>
        Assert.Contains(Problems(new() { [key] = value }), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Resolving_the_annotator_with_an_invalid_configuration_fails_with_the_options_error()
    {
        using var services = Compose(new() { ["Endpoint"] = null });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IFoundationAnnotator>());

        Assert.Contains("Endpoint", error.Message);
    }

    [Fact]
    public void The_annotator_is_one_singleton_named_after_the_configured_model()
    {
        using var services = Compose(new() { ["Model"] = "my-deployment" });

        var annotator = services.GetRequiredService<IFoundationAnnotator>();

        Assert.Same(annotator, services.GetRequiredService<IFoundationAnnotator>());
        Assert.Equal("my-deployment", annotator.ModelId);
    }

    private static List<string> Problems(Dictionary<string, string?> overrides)
    {
        using var services = Compose(overrides);
        try
        {
            _ = services.GetRequiredService<IOptions<FoundationModelOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
    }

    private static ServiceProvider Compose(Dictionary<string, string?> overrides)
    {
        var settings = FoundationHarness.Settings(Endpoint, overrides).Where(kv => kv.Value is not null);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDataEngineFoundationModel(configuration).BuildServiceProvider();
    }
}

using DataEngine.Core.Ports;
using DataEngine.Local.Blobs;
using DataEngine.Models.Heads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataEngine.Models.Tests.Heads;

public sealed class HeadsRegistrationTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"heads-di-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_light_tier_resolves_from_configuration_and_answers_through_its_port()
    {
        using var provider = Build(new() { ["DataEngine:Models:Heads:MinExamples"] = "40" });

        var annotator = provider.GetRequiredService<ILightAnnotator>();
        var outcome = await annotator.TrainAsync("mail", Synthetic.Binary(), [new LightExample("a", "ham", "hello there")], embedderId: null);

        Assert.Same(provider.GetRequiredService<LightAnnotator>(), annotator);
        Assert.Equal(40, provider.GetRequiredService<HeadOptions>().MinExamples);
        Assert.Contains("needs at least 40 labelled items", Assert.Single(outcome.Heads).Reason);
    }

    [Fact]
    public void Fractions_that_leave_no_test_split_are_refused_at_start_up()
    {
        using var provider = Build(new()
        {
            ["DataEngine:Models:Heads:TrainFraction"] = "0.85",
            ["DataEngine:Models:Heads:CalibrationFraction"] = "0.15",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HeadOptions>>().Value);

        Assert.Contains("must leave at least 5% of the items for the test split", error.Message);
    }

    ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IBlobStore>(new FolderBlobStore(_root))
            .AddDataEngineLightHeads(configuration)
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

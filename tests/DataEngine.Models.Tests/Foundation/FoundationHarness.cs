using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Models.Foundation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>
/// A fake server and the foundation tier composed against it through <see cref="FoundationServiceCollectionExtensions"/>,
/// with delays and timeouts short enough for tests.
/// </summary>
internal sealed class FoundationHarness : IAsyncDisposable
{
    public const string Model = "test-model";
    public const decimal InputPrice = 2.5m;
    public const decimal OutputPrice = 10m;

    private readonly ServiceProvider _services;

    private FoundationHarness(FakeChatServer server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        Annotator = services.GetRequiredService<IFoundationAnnotator>();
    }

    public FakeChatServer Server { get; }

    public IFoundationAnnotator Annotator { get; }

    public static AnnotationTaskConfig Spam { get; } = new()
    {
        Name = "spam",
        Kind = AnnotationKind.Binary,
        Labels = ["ham", "spam"],
        Instructions = "Is this e-mail unsolicited bulk mail (spam)?",
    };

    public static AnnotationTaskConfig Topic { get; } = new()
    {
        Name = "topic",
        Kind = AnnotationKind.Multiclass,
        Labels = ["billing", "technical", "sales", "other"],
        Instructions = "Which department should answer this support e-mail?",
    };

    public static AnnotationTaskConfig Quality { get; } = new()
    {
        Name = "quality",
        Kind = AnnotationKind.Score,
        Instructions = "How useful is this text for training a support assistant?",
    };

    /// <summary>Starts a server and composes the tier; <paramref name="settings"/> overrides <c>DataEngine:Foundation</c> keys.</summary>
    public static async Task<FoundationHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var server = await FakeChatServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(server.Endpoint, settings)).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddDataEngineFoundationModel(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new FoundationHarness(server, services);
    }

    public static Dictionary<string, string?> Settings(Uri endpoint, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Endpoint"] = endpoint.ToString(),
            ["Model"] = Model,
            ["ApiKey"] = "test-key",
            ["InputCostPer1MTokens"] = InputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OutputCostPer1MTokens"] = OutputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MaxConcurrency"] = "4",
            ["ItemsPerRequest"] = "10",
            ["RequestTimeout"] = "00:00:05",
            ["TotalTimeout"] = "00:00:20",
            ["MaxRetries"] = "2",
            ["RetryBaseDelay"] = "00:00:00.010",
            ["CircuitBreakerSamplingDuration"] = "00:00:30",
            ["CircuitBreakerMinimumThroughput"] = "1000", // off unless a test turns it on
            ["CircuitBreakerBreakDuration"] = "00:01:00",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings.ToDictionary(kv => $"{FoundationModelOptions.SectionName}:{kv.Key}", kv => kv.Value);
    }

    public static List<FoundationItem> Mails(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FoundationItem($"mail-{i}", i % 3 == 0 ? $"WIN A PRIZE now, offer {i}" : $"Minutes of meeting {i}"))];

    /// <summary>The fake model's spam rule, matching <see cref="Mails"/>.</summary>
    public static FakeAnswer SpamRule(FakeItem item) => new(item.Text.Contains("PRIZE", StringComparison.Ordinal) ? "spam" : "ham", Confidence: 0.8);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Runs;
using DataEngine.Local;
using DataEngine.Models.Tests.Foundation;
using Microsoft.Extensions.Configuration;

namespace DataEngine.Models.Tests.Workflow;

/// <summary>
/// The model tiers inside the durable run, with the real light heads, the real MiniLM embedder and the real foundation
/// client against the fake OpenAI-compatible server: a first run on mail the heads have never seen sends items to the
/// foundation model and learns from its answers; a second run of the same dataset takes the items the heads are sure of.
/// </summary>
public sealed class AnnotatedRunTests : IAsyncLifetime
{
    readonly string _work = Directory.CreateTempSubdirectory("dataengine-annotated-").FullName;
    FakeChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();

        // The teacher: a lexical rule the light heads can learn from its answers.
        _server.Answerer = item => new FakeAnswer(IsSpammy(item.Text) ? "spam" : "ham", Confidence: 0.95);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    static bool IsSpammy(string text) => text.Contains("offer", StringComparison.OrdinalIgnoreCase);

    static readonly string[] Spam =
    [
        "Exclusive offer for you: claim your free prize today and click the link before midnight.",
        "Limited offer, act now, the money back guarantee ends soon and stocks are running out.",
        "Our best offer this year: cheap watches, discount pills and a bonus gift with each order.",
        "You have been selected for a special offer, reply with your bank details to receive the cash.",
        "Final offer on premium subscriptions, unsubscribe any time, no questions asked, order today.",
    ];

    static readonly string[] Ham =
    [
        "The minutes of Tuesday's meeting are attached; please check the action items before Friday.",
        "Could you review the patch for the parser bug when you have a moment this week?",
        "The garden club will meet at the library on Saturday to plan the spring planting.",
        "I pushed the fix for the build script, and the nightly tests are green again.",
        "Thanks for the notes on the draft; I have rewritten the second section as you suggested.",
        "The train was late again, so I will join the call about ten minutes after it starts.",
    ];

    /// <summary>Mails made of two or three sentences from one class: a lexical task the light heads can learn from ~200 labels.</summary>
    static IEnumerable<string> Mails(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var pool = random.Next(3) == 0 ? Spam : Ham;
            var text = string.Join(" ", Enumerable.Range(0, 2 + random.Next(2)).Select(_ => pool[random.Next(pool.Length)])) + $" Ref {seed}-{i}.";
            yield return JsonSerializer.Serialize(new { text });
        }
    }

    [Fact]
    public async Task The_foundation_model_labels_a_new_dataset_and_its_answers_train_heads_that_take_the_next_run()
    {
        var first = WriteInput("first", [.. Mails(seed: 1, count: 300)]);
        var second = WriteInput("second", [.. Mails(seed: 2, count: 200)]);
        var sample = PipelineConfigLoader.LoadFile(Path.Combine(Samples(), "pipeline-annotate.yaml"));
        var config = new PipelineConfig
        {
            Dataset = "annotated-test",
            Batching = new BatchingConfig { BatchSize = 100, MaxParallelBatches = 2 },
            Annotations = sample.Annotations,
        };

        var settings = FoundationHarness.Settings(_server.Endpoint);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var engine = await LocalEngine.StartAsync(
            Path.Combine(_work, "out"), configureServices: services => services.AddDataEngineModels(configuration));

        // Run 1: no head yet, so every accepted item goes to the foundation model (the budget, 300, covers them).
        var run1 = await engine.RunAsync(first, config);
        var spam1 = Assert.Single(run1.Report.Annotations);
        Assert.True(run1.Report.AddsUp);
        Assert.Equal(run1.Report.Accepted, spam1.Items);
        Assert.Equal(spam1.Items, spam1.Foundation);
        Assert.Equal(spam1.Items, spam1.FoundationCalls);
        Assert.Equal(0, spam1.Light);
        Assert.True(spam1.InputTokens > 0 && spam1.Cost > 0, "tokens and cost are recorded");
        Assert.True(spam1.Retraining.Any(line => line.StartsWith("HashedNgrams: version", StringComparison.Ordinal) && line.Contains("promoted")), string.Join(" / ", spam1.Retraining) + JsonSerializer.Serialize(spam1.Labels));

        // Every accepted item has one final label, with its provenance, in the record store and in the curated labels.
        var records = await engine.Records.ListAnnotationsAsync(run1.RunId).ToListAsync();
        Assert.Equal(spam1.Items, records.Count(r => r.Final));
        Assert.All(records.Where(r => r.Final), r => Assert.Equal(AnnotatorKind.FoundationModel, r.Annotation.By.Kind));
        var labels = ReadLabels(run1.OutputFolder);
        Assert.Equal(spam1.Items, labels.Count);
        Assert.All(labels, l => Assert.StartsWith("FoundationModel:", l.By));

        // Run 2, new mail of the same dataset: the promoted heads label what they are sure of; the rest goes up.
        var run2 = await engine.RunAsync(second, config);
        var spam2 = Assert.Single(run2.Report.Annotations);
        Assert.True(run2.Report.AddsUp);
        Assert.True(spam2.Light > 0, $"the light heads took no item: {JsonSerializer.Serialize(spam2)}");
        Assert.True(spam2.FoundationCalls < spam2.Items, $"every item still went to the foundation model: {JsonSerializer.Serialize(spam2)}");
        var lightLabels = ReadLabels(run2.OutputFolder).Where(l => l.Route == nameof(Route.AcceptLight) && !l.LowTrust).ToList();
        Assert.Equal(spam2.Light, lightLabels.Count);
        Assert.All(lightLabels, l => Assert.True(l.Confidence >= 0.9, $"{l.Id} accepted at {l.Confidence}"));
        Assert.All(lightLabels, l => Assert.StartsWith("LightModel:", l.By));

        // The light labels agree with the teacher on (nearly) every item they took.
        var texts = new Dictionary<string, string>();
        for (var batch = 0; batch < run2.Report.Batches; batch++)
        {
            await foreach (var item in JsonLines.ReadAsync<CuratedRecord>(engine.Blobs, RunPaths.Survivors(run2.RunId, batch), default))
            {
                texts[item.Id] = item.Text;
            }
        }

        var agree = lightLabels.Count(l => (l.Label == "spam") == IsSpammy(texts[l.Id]));
        Assert.True(agree >= lightLabels.Count * 0.95, $"{agree} of {lightLabels.Count} light labels agree with the teacher");
    }

    string WriteInput(string name, string[] lines)
    {
        var folder = Path.Combine(_work, name);
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "mail.jsonl"), lines);
        return folder;
    }

    static List<CuratedLabel> ReadLabels(string runFolder) =>
        [.. Directory.GetFiles(Path.Combine(runFolder, "labels"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(line => JsonSerializer.Deserialize<CuratedLabel>(line, JsonLines.Options)!)];

    static string Samples([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "samples", "mail"));
}

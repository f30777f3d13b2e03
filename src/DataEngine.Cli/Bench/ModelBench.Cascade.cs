using System.Diagnostics;
using System.IO.Hashing;
using System.Text;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Simulation;
using DataEngine.Core.Items;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Local.Blobs;
using DataEngine.Models.Heads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench models` sections "heads" and "cascade": the light heads as a run trains and uses them. Half the corpus (by a
/// hash of the item id) plays the first run: a simulated foundation model labels it from the `label` field at a
/// configured error rate, and those labels train the n-gram head through the engine's trainer (calibration, held-out
/// metrics, promotion). The other half plays the next run: the promoted head scores it, and the cascade, light-only and
/// foundation-only policies label it, scored against the true labels.
/// </summary>
sealed partial class ModelBench
{
    static readonly AnnotationTaskConfig SpamTask = new()
    {
        Name = "quality",
        Kind = AnnotationKind.Binary,
        Instructions = "Is this item low-quality content (the corpus's positive label) or not?",
        Stage = AnnotationStage.SemiAutomatic,
        Budget = new BudgetConfig { MaxFoundationItems = int.MaxValue / 2, MaxHumanItems = 0 },
    };

    Dictionary<string, object> Cascade(CancellationToken cancellationToken) => CascadeAndHeads(cancellationToken).Cascade;

    Dictionary<string, object> Heads(CancellationToken cancellationToken) => CascadeAndHeads(cancellationToken).Heads;

    (Dictionary<string, object> Heads, Dictionary<string, object> Cascade)? _cascadeAndHeads;

    (Dictionary<string, object> Heads, Dictionary<string, object> Cascade) CascadeAndHeads(CancellationToken cancellationToken) =>
        _cascadeAndHeads ??= MeasureCascade(cancellationToken);

    (Dictionary<string, object>, Dictionary<string, object>) MeasureCascade(CancellationToken cancellationToken)
    {
        var items = LabelledItems(_corpus);
        var labels = items.Select(i => i.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count != 2)
        {
            throw new InvalidOperationException($"The cascade section needs a corpus with two labels in `label`; {_corpus.Path} has {labels.Count}.");
        }

        var task = SpamTask with { Labels = labels };
        var teacher = new SimulatedFoundationModel(_options.FoundationErrorRate, seed: 7);
        var (first, next) = Split(items);

        using var work = new TempFolder();
        using var services = new ServiceCollection()
            .AddSingleton<IBlobStore>(new FolderBlobStore(work.Path))
            .AddDataEngineLightHeads(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var light = services.GetRequiredService<ILightAnnotator>();

        // Run 1: the foundation model labels everything (no head yet); its usable answers train the head.
        var examples = first
            .Select(i => (Item: i, Answer: teacher.Answer(task, new SimulatedItem(i.Id, null, i.Label))))
            .Where(x => !x.Answer.Failed && x.Answer.Label is not null)
            .Select(x => new LightExample(x.Item.Id, x.Answer.Label!, x.Item.Text))
            .ToList();
        var clock = Stopwatch.StartNew();
        var training = light.TrainAsync("bench", task, examples, embedderId: null, cancellationToken).GetAwaiter().GetResult();
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var head = training.Heads.Single(h => h.Tier == LightTier.HashedNgrams);

        // Run 2: the promoted head scores the new items; time it over several runs.
        var texts = next.Select(i => i.Text).ToList();
        LightPredictions predictions = null!;
        var samples = new List<Sample>();
        for (var run = 0; run < _options.Runs + 1; run++)
        {
            var sample = Time(() => predictions = light.PredictTextsAsync("bench", task, texts, cancellationToken).GetAwaiter().GetResult());
            if (run > 0)
            {
                samples.Add(sample); // the first run loads the head
            }
        }

        var simulated = next.Select((item, i) => new SimulatedItem(item.Id, predictions.Predictions[i], item.Label)).ToList();
        var trained = predictions.TrainingLabels;
        var results = Enum.GetValues<CascadePolicy>().ToDictionary(
            policy => policy,
            policy => CascadeSimulation.Run(policy, task, AnnotationStage.SemiAutomatic, simulated, teacher, trained));
        var sweep = CascadeSimulation.SweepSemiAutomaticAccept(task, simulated, teacher, [0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99], trained);
        var cascade = results[CascadePolicy.Cascade];
        var foundationOnly = results[CascadePolicy.FoundationOnly];

        var headsSection = new Dictionary<string, object>
        {
            ["what"] = "hashed word uni+bigram logistic head (the light tier's first head), trained by the engine's trainer on the first half's simulated foundation labels, scoring the second half",
            ["trainedOn"] = examples.Count,
            ["promoted"] = head.Promoted,
            // Against the simulated foundation labels of its held-out split (they are wrong at the error rate), not the true labels.
            ["heldOut"] = new Dictionary<string, object?>
            {
                ["macroF1"] = head.MacroF1 is { } f1 ? Stats.Round(f1, 4) : null,
                ["logLoss"] = head.LogLoss is { } loss ? Stats.Round(loss, 4) : null,
                ["ece"] = head.ExpectedCalibrationError is { } ece ? Stats.Round(ece, 4) : null,
            },
            ["trainSeconds"] = Stats.Round(trainSeconds, 3),
            ["scoring"] = Throughput(texts.Count, samples).ToDictionary(kv => kv.Key == "textsPerSecond" ? "itemsPerSecond" : kv.Key, kv => kv.Value),
        };
        var cascadeSection = new Dictionary<string, object>
        {
            ["what"] = "second half of the corpus labelled by three policies; a simulated foundation model answers from `label` with the configured error rate",
            ["foundationErrorRate"] = _options.FoundationErrorRate,
            ["items"] = simulated.Count,
            ["acceptThreshold"] = task.Routing.SemiAutomaticAccept,
            ["policies"] = results.ToDictionary(kv => Camel(kv.Key.ToString()), kv => Describe(kv.Value)),
            ["sweep"] = sweep.Points.Select(p => new Dictionary<string, object>
            {
                ["threshold"] = p.Threshold,
                ["foundationShare"] = Stats.Round(p.FoundationShare, 4),
                ["accuracy"] = Stats.Round(p.Accuracy, 4),
            }).ToList(),
            ["target"] = "cascade accuracy within 0.01 of foundation-only while sending <= 30% of items to the foundation tier",
            ["meetsTarget"] = cascade.Accuracy >= foundationOnly.Accuracy - 0.01 && cascade.FoundationCallShare <= 0.30,
        };
        return (headsSection, cascadeSection);
    }

    static Dictionary<string, object> Describe(SimulationResult result) => new()
    {
        ["accuracy"] = Stats.Round(result.Accuracy, 4),
        ["foundationShare"] = Stats.Round(result.FoundationCallShare, 4),
        ["lightShare"] = Stats.Round(result.Share(SimulatedTier.AcceptedLight), 4),
        ["lowTrustShare"] = Stats.Round(result.Share(SimulatedTier.LowTrust), 4),
        ["unlabelledShare"] = Stats.Round(result.Share(SimulatedTier.Unlabelled), 4),
    };

    static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    internal sealed record LabelledItem(string Id, string Text, string Label);

    /// <summary>Every decodable item with a `label`, decoded as a run decodes it (also the corpus of `bench active-learning`).</summary>
    internal static List<LabelledItem> LabelledItems(BenchCorpus corpus)
    {
        var pipeline = DefaultPipeline.For("bench");
        pipeline = pipeline with { Reader = pipeline.Reader with { Format = "jsonl", TextField = "text", Content = corpus.IsMail ? "mail" : "text" } };
        var decoder = CompiledPipeline.Create(pipeline).DecoderFor("corpus.jsonl")!;
        var items = new List<LabelledItem>();
        for (var line = 0; line < corpus.Lines.Count; line++)
        {
            if (decoder.Decode(corpus.Lines[line], new ItemLocation("corpus.jsonl", line + 1)).Item is { Text.Length: > 0 } item
                && item.Metadata.TryGetValue("label", out var label))
            {
                items.Add(new LabelledItem(item.Id, item.Text, label));
            }
        }

        return items;
    }

    /// <summary>Two halves by a hash of the item id: independent of file order, the same on every run.</summary>
    internal static (List<LabelledItem> First, List<LabelledItem> Next) Split(List<LabelledItem> items)
    {
        var first = new List<LabelledItem>();
        var next = new List<LabelledItem>();
        foreach (var item in items)
        {
            (XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(item.Id), 11) % 2 == 0 ? first : next).Add(item);
        }

        return (first, next);
    }

    sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("dataengine-bench-cascade-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

using System.ComponentModel;
using System.Text.Json;
using DataEngine.Cli.Bench;
using DataEngine.Core.Annotations.ActiveLearning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>`dataengine bench active-learning [corpus]`: labels each selection strategy needs to reach a target F1, versus random, as JSON and an SVG plot.</summary>
sealed class BenchActiveLearningCommand : Command<BenchActiveLearningCommand.Settings>
{
    static readonly SelectionStrategy[] DefaultStrategies =
        [SelectionStrategy.Random, SelectionStrategy.Margin, SelectionStrategy.KCenterGreedy, SelectionStrategy.UncertaintyDiversity];

    public sealed class Settings : BenchCorpusSettings
    {
        [CommandOption("--strategies <LIST>")]
        [Description("Comma-separated: random, leastConfidence, margin, entropy, kCenterGreedy, uncertaintyDiversity, or all. Random is always run. " +
            "Default: random, margin, kCenterGreedy, uncertaintyDiversity (for two labels least confidence and entropy rank exactly as margin does).")]
        public string? Strategies { get; init; }

        [CommandOption("--seeds <N>")]
        [Description("Repetitions with different seed sets and selection seeds; medians are reported, with a bootstrap interval of the ratio to random. " +
            "5 (the issue's protocol) leaves random's median at the mercy of a few slow seeds; 20 gives steadier ratios.")]
        [DefaultValue(5)]
        public int Seeds { get; init; } = 5;

        [CommandOption("--features <KIND>")]
        [Description("What the head learns from and k-center compares: embedding (MiniLM sentence embeddings, a logistic head fitted on all labels " +
            "each round; the corpus is embedded once and cached in the temp folder) or ngram (hashed n-grams and the engine's n-gram trainer).")]
        [DefaultValue("embedding")]
        public string Features { get; init; } = "embedding";

        [CommandOption("--max-tokens <N>")]
        [Description("Embedding features: tokens per text after which the embedder truncates (128 keeps embedding a corpus fast).")]
        [DefaultValue(128)]
        public int MaxTokens { get; init; } = 128;

        [CommandOption("--seed-labels <N>")]
        [Description("Random labels (an equal share of each label) before active learning starts. Default: 10 for embedding features; " +
            "30 for ngram, whose trainer needs 30 with 5 of each label for its own splits.")]
        public int? SeedLabels { get; init; }

        internal ActiveLearningBenchFeatures FeatureKind => Enum.Parse<ActiveLearningBenchFeatures>(Features, ignoreCase: true);

        internal int SeedLabelCount => SeedLabels ?? (FeatureKind == ActiveLearningBenchFeatures.Ngram ? 30 : 10);

        [CommandOption("--batch <N>")]
        [Description("Items the simulated reviewer labels per round (the per-batch human budget); the head is retrained and scored after each round, " +
            "so this is also the step at which labels-to-target is read. Default: 1 for embedding features (sequential selection, as uncertainty " +
            "sampling is defined; larger batches pick near-duplicates of one another and read the curve in coarser steps); 10 for ngram, whose " +
            "trainer re-splits and calibrates on every call.")]
        public int? Batch { get; init; }

        internal int BatchCount => Batch ?? (FeatureKind == ActiveLearningBenchFeatures.Ngram ? 10 : 1);

        [CommandOption("--max-labels <N>")]
        [Description("The run's human budget: labels in all, seed labels included.")]
        [DefaultValue(400)]
        public int MaxLabels { get; init; } = 400;

        [CommandOption("--target <SHARE>")]
        [Description("Target F1 as a share of the F1 of a head trained on the whole pool.")]
        [DefaultValue(0.95)]
        public double Target { get; init; } = 0.95;

        [CommandOption("--pool-factor <N>")]
        [Description("Uncertainty + diversity: k-center runs among this many batches of the most uncertain items.")]
        [DefaultValue(5)]
        public int PoolFactor { get; init; } = 5;

        [CommandOption("--l2 <WEIGHT>")]
        [Description("Embedding features: the logistic head's L2 weight. Default: the engine's embedding head's (HeadOptions.EmbeddingL2).")]
        public float? L2 { get; init; }

        [CommandOption("--plot <PATH>")]
        [Description("Where the SVG plot of F1 against labels is written.")]
        [DefaultValue("out/bench-active-learning.svg")]
        public string Plot { get; init; } = "out/bench-active-learning.svg";

        public override ValidationResult Validate()
        {
            if (!Enum.TryParse<ActiveLearningBenchFeatures>(Features, ignoreCase: true, out var features) || !Enum.IsDefined(features) || int.TryParse(Features, out _))
            {
                return ValidationResult.Error("--features must be embedding or ngram.");
            }

            if (MaxTokens is < 2 or > 512)
            {
                return ValidationResult.Error("--max-tokens must be in [2, 512].");
            }

            if (L2 is < 0 || (L2 is { } l2 && !float.IsFinite(l2)))
            {
                return ValidationResult.Error("--l2 must be a finite weight of at least 0.");
            }

            if (Seeds < 1 || SeedLabelCount < 2 || BatchCount < 1 || MaxLabels <= SeedLabelCount || PoolFactor < 1)
            {
                return ValidationResult.Error("--seeds, --batch and --pool-factor must be at least 1, --seed-labels at least 2, and --max-labels above --seed-labels.");
            }

            if (Target is <= 0 or > 1)
            {
                return ValidationResult.Error("--target must be in (0, 1].");
            }

            return ParseStrategies(Strategies, out _) is { } error ? ValidationResult.Error(error) : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadCorpus() is not { } corpus)
        {
            return 2;
        }

        ParseStrategies(settings.Strategies, out var strategies);
        var options = new ActiveLearningBenchOptions(
            strategies, settings.Seeds, settings.SeedLabelCount, settings.BatchCount, settings.MaxLabels, settings.Target, settings.PoolFactor, SketchBits: 8, settings.Plot,
            settings.FeatureKind, settings.MaxTokens, settings.L2);
        Dictionary<string, object?> result;
        try
        {
            result = new ActiveLearningBench(corpus, options).Run(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    /// <summary>The strategies named (Random first, always); an error message instead when a name is unknown or unusable here.</summary>
    static string? ParseStrategies(string? list, out List<SelectionStrategy> strategies)
    {
        strategies = [SelectionStrategy.Random];
        var names = list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        IEnumerable<SelectionStrategy> wanted = names.Length == 0 ? DefaultStrategies
            : names.Contains("all", StringComparer.OrdinalIgnoreCase) ? Enum.GetValues<SelectionStrategy>().Where(s => s != SelectionStrategy.Disagreement)
            : [];
        foreach (var name in names.Where(n => !n.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            if (!Enum.TryParse<SelectionStrategy>(name, ignoreCase: true, out var strategy) || !Enum.IsDefined(strategy))
            {
                return $"Unknown strategy '{name}'; known: {string.Join(", ", Enum.GetNames<SelectionStrategy>())}.";
            }

            if (strategy == SelectionStrategy.Disagreement)
            {
                return "Disagreement needs a second tier's predictions, which this bench does not simulate.";
            }

            wanted = wanted.Append(strategy);
        }

        strategies.AddRange(wanted.Where(s => s != SelectionStrategy.Random).Distinct());
        return null;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using DataEngine.Core.Items;
using DataEngine.Core.Readers;
using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;
using Xunit.Abstractions;

namespace DataEngine.Models.Tests.Heads;

/// <summary>
/// The n-gram tier on real mail: the repository's 300-message SpamAssassin sample by default, or the corpus named by
/// DATAENGINE_HEADS_CORPUS (e.g. ../shared/data/spamassassin-dev.jsonl.gz). Bodies are decoded by the engine's mail
/// reader; held-out metrics, how much of the test split the head would label alone at the cascade's thresholds, and
/// scoring speed go to the test output. Speed means something only in Release:
/// <c>DATAENGINE_HEADS_CORPUS=../shared/data/spamassassin-dev.jsonl.gz dotnet test tests/DataEngine.Models.Tests -c Release
/// --filter FullyQualifiedName~NgramOnMail --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class NgramOnMailTests(ITestOutputHelper output)
{
    [Fact]
    public void The_ngram_head_separates_spam_from_ham_on_held_out_mail()
    {
        var (path, mails) = LoadCorpus();
        var task = Synthetic.Binary();
        var featurizer = new NgramFeaturizer();
        var options = new HeadOptions();
        var trainer = new NgramTrainer(options, featurizer, TimeProvider.System);

        var clock = Stopwatch.StartNew();
        var trained = trainer.Train("mail", task, mails);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        var head = trained.Manifest;
        var model = NgramModel.Deserialize(trained.Model);
        var texts = mails.Select(m => m.Text).ToList();
        // Two warm-up passes (JIT tiers), then the median of seven.
        var seconds = Enumerable.Range(0, 9).Select(_ =>
        {
            var run = Stopwatch.StartNew();
            head.Calibration.ApplyAll(NgramScorer.RawScores(model, featurizer, texts), 2);
            return run.Elapsed.TotalSeconds;
        }).Skip(2).Order().ElementAt(3);
        var megabytes = texts.Sum(t => Encoding.UTF8.GetByteCount(t)) / 1e6;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus {path}: {mails.Count} mails ({string.Join(", ", head.Counts.PerLabel.Select(p => $"{p.Key} {p.Value}"))}), {megabytes:F1} MB of decoded text"));
        output.WriteLine($"split train/calibration/test: {head.Counts.Train}/{head.Counts.Calibration}/{head.Counts.Test}; trained in {trainSeconds:F2} s; model {trained.Model.Length / 1024} KiB");
        output.WriteLine($"held-out, calibrated:   {Describe(head.HeldOut)}");
        output.WriteLine($"held-out, uncalibrated: {Describe(head.HeldOutUncalibrated)}");
        output.WriteLine($"calibration: {head.Calibration}");
        var test = mails.Where(m => HeadSplit.Assign(m.ItemId, options) == HeadSplitPart.Test).ToList();
        var probabilities = head.Calibration.ApplyAll(NgramScorer.RawScores(model, featurizer, test.Select(m => m.Text).ToList()), 2);
        foreach (var threshold in new[] { 0.9, 0.75 })
        {
            var accepted = Enumerable.Range(0, test.Count).Where(i => Math.Max(probabilities[2 * i], probabilities[2 * i + 1]) >= threshold).ToList();
            var right = accepted.Count(i => task.Labels[probabilities[2 * i + 1] > probabilities[2 * i] ? 1 : 0] == test[i].Label);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"confidence >= {threshold}: the head alone labels {accepted.Count}/{test.Count} test mails ({100.0 * accepted.Count / test.Count:F1}%), {100.0 * right / Math.Max(1, accepted.Count):F2}% of them right"));
        }

        var optimized = typeof(NgramModel).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scoring (featurize + dot product + calibration), one thread, warm, median of 7: {texts.Count / seconds:F0} mails/s, {megabytes / seconds:F1} MB/s ({(optimized ? "optimized" : "Debug build: run with -c Release for speed")})"));

        Assert.True(head.HeldOut.MacroF1 >= 0.9, $"macro-F1 {head.HeldOut.MacroF1}");
        Assert.True(head.HeldOut.Accuracy >= 0.9, $"accuracy {head.HeldOut.Accuracy}");
    }

    static string Describe(HeadMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"n={m.Examples} accuracy {m.Accuracy:F4} macro-F1 {m.MacroF1:F4} log loss {m.LogLoss:F4} Brier {m.Brier:F4} ECE {m.ExpectedCalibrationError:F4}");

    static (string Path, List<NgramExample> Mails) LoadCorpus([CallerFilePath] string thisFile = "")
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        var path = Environment.GetEnvironmentVariable("DATAENGINE_HEADS_CORPUS") is { Length: > 0 } named
            ? Path.GetFullPath(named, root)
            : Path.Combine(root, "samples", "mail", "spamassassin-sample.jsonl");
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var decoder = new JsonlDecoder("text", JsonlContent.Mail);
        var mails = new List<NgramExample>();
        var line = 0L;
        while (reader.ReadLine() is { } json)
        {
            var outcome = decoder.Decode(Encoding.UTF8.GetBytes(json), new ItemLocation(Path.GetFileName(path), ++line));
            if (outcome.Item is { } item && item.Metadata.TryGetValue("label", out var label) && item.Text.Length > 0)
            {
                mails.Add(new NgramExample(item.Metadata.GetValueOrDefault("id") ?? item.Id, label, item.Text));
            }
        }

        return (path, mails);
    }
}

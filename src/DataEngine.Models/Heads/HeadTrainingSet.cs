using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DataEngine.Core.Annotations;
using DataEngine.Core.Pipeline;

namespace DataEngine.Models.Heads;

/// <summary>
/// A task's labelled items, checked and split: labels mapped to the task's label order, items sorted by id (so the input
/// order never changes the model) and assigned to train / calibration / test by <see cref="HeadSplit"/>, with the
/// training-set hash that names the head version.
/// </summary>
internal sealed class HeadTrainingSet<T>
    where T : ILabeledItem
{
    HeadTrainingSet(AnnotationTaskConfig task, IReadOnlyList<(T Item, int Label)>[] parts, Dictionary<string, int> counts, string hash)
    {
        Task = task;
        Train = parts[(int)HeadSplitPart.Train];
        Calibration = parts[(int)HeadSplitPart.Calibration];
        Test = parts[(int)HeadSplitPart.Test];
        CountsPerLabel = counts;
        Hash = hash;
    }

    public AnnotationTaskConfig Task { get; }

    public IReadOnlyList<string> Labels => Task.Labels;

    public IReadOnlyList<(T Item, int Label)> Train { get; }

    public IReadOnlyList<(T Item, int Label)> Calibration { get; }

    public IReadOnlyList<(T Item, int Label)> Test { get; }

    public int Count => Train.Count + Calibration.Count + Test.Count;

    /// <summary>Labelled items per label, in the task's label order.</summary>
    public IReadOnlyDictionary<string, int> CountsPerLabel { get; }

    /// <summary>SHA-256 (hex) over the sorted (item id, label) pairs and the features' id: the same labels on the same features, the same hash.</summary>
    public string Hash { get; }

    /// <exception cref="ArgumentException">The task is not binary or multiclass, an item id repeats, or a label is not one of the task's.</exception>
    /// <exception cref="NotEnoughLabelsException">Too few items overall, of a label, or in a split.</exception>
    public static HeadTrainingSet<T> Create(AnnotationTaskConfig task, IReadOnlyList<T> examples, string featuresId, HeadOptions options)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(examples);
        CheckTask(task);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < task.Labels.Count; i++)
        {
            index[task.Labels[i]] = i;
        }

        var sorted = examples.OrderBy(e => e.ItemId, StringComparer.Ordinal).ToList();
        var counts = task.Labels.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        var parts = new[] { new List<(T, int)>(), new List<(T, int)>(), new List<(T, int)>() };
        for (var i = 0; i < sorted.Count; i++)
        {
            var example = sorted[i];
            if (i > 0 && string.Equals(sorted[i - 1].ItemId, example.ItemId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Item '{example.ItemId}' appears more than once; give each item its one final label.", nameof(examples));
            }

            if (!index.TryGetValue(example.Label, out var label))
            {
                throw new ArgumentException(
                    $"Item '{example.ItemId}' has label '{example.Label}', which is not one of task '{task.Name}''s labels ({string.Join(", ", task.Labels)}).",
                    nameof(examples));
            }

            counts[example.Label]++;
            parts[(int)HeadSplit.Assign(example.ItemId, options)].Add((example, label));
        }

        CheckCounts(task, sorted.Count, counts, parts, options);
        return new HeadTrainingSet<T>(task, parts, counts, ComputeHash(sorted, featuresId));
    }

    /// <summary>One row per item: the label indices of a split.</summary>
    public static int[] LabelsOf(IReadOnlyList<(T Item, int Label)> part) => part.Select(p => p.Label).ToArray();

    static void CheckTask(AnnotationTaskConfig task)
    {
        if (task.Kind == AnnotationKind.Score)
        {
            throw new ArgumentException($"Task '{task.Name}' is a score task; light heads classify (binary or multiclass tasks only).", nameof(task));
        }

        if (task.Labels.Count < 2 || (task.Kind == AnnotationKind.Binary && task.Labels.Count != 2))
        {
            throw new ArgumentException($"Task '{task.Name}' ({task.Kind}) has {task.Labels.Count} labels; binary tasks need exactly 2, multiclass at least 2.", nameof(task));
        }

        if (task.Labels.Distinct(StringComparer.Ordinal).Count() != task.Labels.Count)
        {
            throw new ArgumentException($"Task '{task.Name}' lists a label twice ({string.Join(", ", task.Labels)}).", nameof(task));
        }
    }

    static void CheckCounts(AnnotationTaskConfig task, int total, Dictionary<string, int> counts, List<(T, int)>[] parts, HeadOptions options)
    {
        var have = $"it has {total} ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))})";
        if (total < options.MinExamples || counts.Values.Any(c => c < options.MinPerLabel))
        {
            throw new NotEnoughLabelsException(
                $"Task '{task.Name}' needs at least {options.MinExamples} labelled items with at least {options.MinPerLabel} of each label to train a head; {have}.");
        }

        // The split is by hash, so a small set can leave a split empty or the training split with one label only.
        var train = parts[(int)HeadSplitPart.Train];
        if (train.Select(p => p.Item2).Distinct().Count() < 2 || parts.Any(p => p.Count == 0))
        {
            throw new NotEnoughLabelsException(
                $"Task '{task.Name}': {have}, split {train.Count} train / {parts[1].Count} calibration / {parts[2].Count} test, which leaves a split empty " +
                "or the training split with one label; label more items.");
        }
    }

    static string ComputeHash(List<T> sorted, string featuresId)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(sha, "dataengine-head-training-set/v1");
        Append(sha, featuresId);
        foreach (var example in sorted)
        {
            Append(sha, example.ItemId);
            Append(sha, example.Label);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // Length-prefixed, so no id or label can run into the next one.
    static void Append(IncrementalHash sha, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}

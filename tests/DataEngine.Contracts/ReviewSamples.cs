using DataEngine.Core.Annotations;
using DataEngine.Core.Reviews;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>Review tasks and assignments for the review store contract: unique names per test, so a shared store still isolates them.</summary>
public static class ReviewSamples
{
    public const string Topic = "topic";

    /// <summary>A task for item <paramref name="ordinal"/> with what a light head and a foundation model proposed.</summary>
    public static ReviewTask ReviewOf(string runId, string dataset, long ordinal, int overlap = 2, string task = Topic)
    {
        var itemId = ItemId(ordinal);
        IReadOnlyList<Annotation> proposals =
        [
            new(task, "sports", null, 0.61, new Annotator(AnnotatorKind.LightModel, "minilm-topic-head", "v3"), LatencyMs: 1.25),
            new(task, "politics", null, 0.55, new Annotator(AnnotatorKind.FoundationModel, "gpt-4o-mini", "2024-07-18"),
                Cost: 0.00042375m, InputTokens: 812, OutputTokens: 9, LatencyMs: 950.5, Reason: "light head below 0.7", LowTrust: true),
        ];
        return new ReviewTask(ReviewTask.IdOf(runId, itemId, task), dataset, runId, itemId, task, proposals,
            Start.AddSeconds(ordinal), Start.AddSeconds(ordinal).AddHours(4), overlap,
            Text: $"Item {ordinal}: Zürich 3–1 Genève, «überraschend».\r\nZweite Zeile\t— 東京 😀 \"quoted\" \\ back\nend",
            Labels: ["sports", "politics", "science, tech", "ünïcödé/label"],
            Instructions: "Pick the item's main topic.\nIf two fit, pick the first in the list.",
            Waiter: $"batch-{runId}-{ordinal % 4:D4}");
    }

    /// <summary>A task with none of the optional fields set: no labels (null, not empty), no waiter, empty text and instructions.</summary>
    public static ReviewTask Bare(ReviewTask task) => task with { Text = "", Labels = null, Instructions = "", Waiter = null };

    /// <summary>An item text of exactly <see cref="ReviewTask.MaxTextLength"/> characters, non-ASCII and line breaks throughout.</summary>
    public static string LongestText()
    {
        const string line = "Größe 東京 line\r\n"; // no surrogate pair, so the cut never splits one
        return string.Concat(Enumerable.Repeat(line, ReviewTask.MaxTextLength / line.Length + 1))[..ReviewTask.MaxTextLength];
    }

    public static ReviewAssignment Assigned(ReviewTask task, string reviewer, DateTimeOffset at, int round = 0) =>
        ReviewAssignment.Open(task, reviewer, round, at);

    public static ReviewAnswer Approve(double seconds = 7.5) =>
        new(ReviewAction.Approve, null, seconds, new DateTimeOffset(2025, 3, 1, 11, 0, 1, 250, TimeSpan.FromHours(2)).AddTicks(17));

    public static ReviewAnswer Relabel(string label, double seconds = 12.25) =>
        new(ReviewAction.Label, label, seconds, Start.AddMinutes(5).AddTicks(3).ToOffset(TimeSpan.FromHours(-5)));

    /// <summary>What a store must return for a stored record: everything as written, the ETag aside.</summary>
    public static ReviewAssignment? WithoutETag(ReviewAssignment? assignment) => assignment is null ? null : assignment with { ETag = null };

    /// <summary>The queue order: assignment time, then id (ordinal).</summary>
    public static List<ReviewAssignment> InQueueOrder(IEnumerable<ReviewAssignment> assignments) =>
        assignments.OrderBy(a => ReviewKeys.SortKey(a.AssignedAt), StringComparer.Ordinal).ThenBy(a => a.AssignmentId, StringComparer.Ordinal).ToList();
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Core.Runs;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using DataEngine.Workflows.Reviews;
using DataEngine.Workflows.Tests.Reviews.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataEngine.Workflows.Tests.Reviews;

/// <summary>
/// A <see cref="ReviewApi"/> over the SQLite review store and token ledger in a temp folder, with real signed links, a
/// clock the test moves, and waiters that record every wake-up and say the batch was woken (so no late apply runs).
/// </summary>
sealed class ReviewApiFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    public const string Waiter = "mail-0123456789ab-batch-00000";

    readonly TempFolder _folder = new();

    public ReviewApiFixture()
    {
        var database = _folder.Combine("records.db");
        Store = new SqliteReviewStore(database);
        var blobs = new FolderBlobStore(_folder.Combine("blobs"));
        var records = new SqliteRecordStore(database);
        var pipelines = new PipelineCache(blobs);
        var late = new LateReviews(
            new ReviewCloser(blobs, Store, pipelines, new ModelTiers()),
            new AnnotationCommitter(blobs, records, Clock),
            new RunFinalizer(blobs, records, pipelines, Clock),
            records,
            blobs);
        var verifier = new ReviewLinkVerifier(Signer, new SqliteReviewTokenLedger(database, Clock));
        Api = new ReviewApi(Store, Signer, verifier, late, Clock, NullLogger<ReviewApi>.Instance);
        Links = new ReviewLinks(Signer, new Uri("http://127.0.0.1:7071"), Clock, TimeSpan.FromHours(48));
    }

    public ManualClock Clock { get; } = new(Start);

    public ReviewTokenSigner Signer { get; } = new(RandomNumberGenerator.GetBytes(32));

    public SqliteReviewStore Store { get; }

    public ReviewLinks Links { get; }

    public RecordingWaiters Waiters { get; } = new();

    public ReviewApi Api { get; }

    /// <summary>Stores a review task of <paramref name="itemId"/> for the mail dataset, assigned to each reviewer at <paramref name="assignedAt"/>.</summary>
    public async Task<(ReviewTask Task, IReadOnlyList<ReviewAssignment> Assignments)> SeedAsync(
        string itemId, DateTimeOffset assignedAt, string text = "Win a free cruise now!", string dataset = "mail", params string[] reviewers)
    {
        var runId = dataset + "-0123456789ab";
        var task = new ReviewTask(
            ReviewTask.IdOf(runId, itemId, "spam"),
            dataset,
            runId,
            itemId,
            "spam",
            [
                new Annotation("spam", "ham", null, 0.55, new Annotator(AnnotatorKind.LightModel, "ngram-spam", "3f2a")),
                new Annotation("spam", "spam", null, 0.81, new Annotator(AnnotatorKind.FoundationModel, "gpt-small"), Reason: "low confidence"),
                new Annotation("spam", null, null, 0, new Annotator(AnnotatorKind.FoundationModel, "gpt-large"), Reason: "timed out", Failed: true),
            ],
            Start,
            Start.AddHours(24),
            reviewers.Length,
            text,
            ["ham", "spam"],
            "Is this message unsolicited bulk mail?",
            Waiter);
        var assignments = (reviewers.Length == 0 ? ["alice"] : reviewers).Select(r => ReviewAssignment.Open(task, r, 0, assignedAt)).ToList();
        Assert.True(await Store.CreateTaskAsync(task, assignments));
        return (task, assignments);
    }

    public async Task<(ReviewTask Task, ReviewAssignment Assignment)> SeedOneAsync(string itemId = "item-7", string text = "Win a free cruise now!")
    {
        var (task, assignments) = await SeedAsync(itemId, Start, text);
        return (task, assignments[0]);
    }

    /// <summary>The token and reviewer of <paramref name="assignment"/>'s freshly signed link for <paramref name="action"/>.</summary>
    public (string Token, string Reviewer) Link(ReviewTask task, ReviewAssignment assignment, ReviewAction action, string? label = null) =>
        NotificationFixtures.Query(Links.For(task, assignment).Single(l => l.Action == action && l.Label == label).Url);

    public async Task<ReviewAssignment> StoredAsync(string assignmentId) =>
        await Store.GetAssignmentAsync(assignmentId) ?? throw new InvalidOperationException($"Assignment {assignmentId} is gone.");

    public void Dispose() => _folder.Dispose();

    public sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Records each wake-up and reports the batch as woken.</summary>
    public sealed class RecordingWaiters : IReviewWaiters
    {
        public ConcurrentQueue<(string InstanceId, string AssignmentId)> WokenUp { get; } = new();

        public Task<bool> TryWakeAsync(string instanceId, string assignmentId, CancellationToken cancellationToken)
        {
            WokenUp.Enqueue((instanceId, assignmentId));
            return Task.FromResult(true);
        }
    }
}

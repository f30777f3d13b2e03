using System.Text.Json;
using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;
using DataEngine.Core.Reviews.Notifications;
using DataEngine.Core.Runs;
using DataEngine.Local;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using DataEngine.Workflows.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Workflows.Tests.Reviews;

/// <summary>
/// Human review inside the durable run: batches wait for their reviewers (an external event raced against a durable
/// timer), deadlines reassign or fall back, and answers given after the run land in its labels. No models are
/// configured, so the cascade sends every item to people (within the human budget).
/// </summary>
public sealed class ReviewWaitTests : IDisposable
{
    const int Items = 6;
    readonly TempFolder _temp = new();

    [Fact]
    public async Task A_waiting_run_completes_with_the_reviewers_labels_including_an_answer_given_before_the_wait()
    {
        var notifier = new AnsweringNotifier();
        await using var engine = await StartAsync(notifier);
        var api = engine.Services.GetRequiredService<ReviewApi>();
        var waiters = new DurableReviewWaiters(engine.Client);

        // The first delivered assignment is answered inside the notifier: during the batch's opening step, before it waits.
        var answeredEarly = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        notifier.OnNotice = async notice =>
        {
            if (answeredEarly.Task.IsCompleted)
            {
                return;
            }

            answeredEarly.TrySetResult(notice.Task.ItemId);
            var result = await api.AnswerAsync(notice.Assignment.AssignmentId, null, new AnswerRequest("alice", "label", "spam", 1.5), waiters, default);
            Assert.Equal(200, result.Status);
        };

        var run = engine.RunAsync(Input(), Pipeline(new ReviewsConfig { Reviewers = ["alice"] }), review: ReviewMode.Wait);
        var open = await OpenAssignmentsAsync(engine, "alice", Items - 1);
        Assert.False(run.IsCompleted, "the run must wait for its reviewers");
        foreach (var assignment in open)
        {
            var answer = new AnswerRequest("alice", "label", "ham", 2.0);
            Assert.Equal(200, (await api.AnswerAsync(assignment.AssignmentId, null, answer, waiters, default)).Status);
        }

        var outcome = await run.WaitAsync(TimeSpan.FromMinutes(2));
        var labels = await LabelsAsync(outcome);
        Assert.Equal(Items, labels.Count);
        Assert.All(labels, l => Assert.Equal("Human:alice", l.GetProperty("by").GetString()));
        Assert.Equal("spam", labels.Single(l => l.GetProperty("id").GetString() == answeredEarly.Task.Result).GetProperty("label").GetString());
        Assert.Equal(Items - 1, labels.Count(l => l.GetProperty("label").GetString() == "ham"));
        var summary = Assert.Single(outcome.Report.Annotations);
        Assert.Equal(Items, summary.Human);
        Assert.Equal(Items, summary.Reviewed);
        Assert.Equal(2.0, summary.ReviewSecondsMedian);

        // The verdicts are annotation records with provenance, final, and training examples for the light heads.
        var records = await engine.Records.ListAnnotationsAsync(outcome.RunId).ToListAsync();
        Assert.Equal(Items, records.Count(r => r is { Final: true, Annotation.By.Kind: AnnotatorKind.Human }));
    }

    [Fact]
    public async Task At_the_deadline_unanswered_items_keep_no_human_label_and_late_answers_change_nothing()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var run = await engine.RunAsync(Input(), Pipeline(new ReviewsConfig { Reviewers = ["alice"], DeadlineMinutes = 0.05 }), review: ReviewMode.Wait)
            .WaitAsync(TimeSpan.FromMinutes(2));

        var summary = Assert.Single(run.Report.Annotations);
        Assert.Equal(Items, summary.Human);
        Assert.Equal(0, summary.Reviewed);
        Assert.All(await LabelsAsync(run), l => Assert.NotEqual("Human:alice", l.GetProperty("by").GetString()));

        var reviews = engine.Services.GetRequiredService<IReviewStore>();
        var taskId = ReviewTask.IdOf(run.RunId, (await LabelsAsync(run))[0].GetProperty("id").GetString()!, "spam");
        var assignment = Assert.Single(await reviews.ListAssignmentsAsync(taskId));
        Assert.Equal(ReviewAssignmentState.Expired, assignment.State);

        var late = await engine.Services.GetRequiredService<ReviewApi>().AnswerAsync(
            assignment.AssignmentId, null, new AnswerRequest("alice", "approve", null, 1), new DurableReviewWaiters(engine.Client), default);
        Assert.Equal(409, late.Status);
        Assert.Equal("not open", Assert.IsType<AnswerOutcomeView>(late.Json).Outcome);
    }

    [Fact]
    public async Task At_the_deadline_reassign_gives_the_items_to_the_other_reviewer_and_the_run_takes_their_answers()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var config = new ReviewsConfig { Reviewers = ["alice", "bob"], DeadlineMinutes = 0.1, OnDeadline = DeadlinePolicy.Reassign, MaxRounds = 1 };
        var run = engine.RunAsync(Input(), Pipeline(config), review: ReviewMode.Wait);
        var api = engine.Services.GetRequiredService<ReviewApi>();
        var waiters = new DurableReviewWaiters(engine.Client);
        var reviews = engine.Services.GetRequiredService<IReviewStore>();

        // Nobody answers round 0; after the deadline each item is with the reviewer who did not have it, who answers.
        var answered = 0;
        var answeredBy = new Dictionary<string, string>();
        while (answered < Items)
        {
            foreach (var reviewer in new[] { "alice", "bob" })
            {
                foreach (var assignment in (await reviews.ListOpenAssignmentsAsync(reviewer)).Assignments.Where(a => a.AssignmentId == ReviewAssignment.IdOf(a.TaskId, reviewer, 1)))
                {
                    // The page shows the new round's deadline, not the first round's, which has passed.
                    var view = Assert.IsType<ReviewView>((await api.GetAsync(assignment.AssignmentId, default)).Json);
                    var firstDeadline = (await reviews.GetTaskAsync(assignment.TaskId))!.Deadline;
                    Assert.True(view.Deadline >= firstDeadline.AddMinutes(config.DeadlineMinutes * 0.9), $"{view.Deadline:O} shows the first round's {firstDeadline:O}");
                    var result = await api.AnswerAsync(assignment.AssignmentId, null, new AnswerRequest(reviewer, "label", "ham", 3), waiters, default);
                    Assert.True(result.Status == 200, JsonSerializer.Serialize(result.Json));
                    answeredBy[(await reviews.GetTaskAsync(assignment.TaskId))!.ItemId] = reviewer;
                    answered++;
                }
            }

            Assert.False(run.IsCompleted && answered < Items, "the run finished before round 1 was answered");
            await Task.Delay(100);
        }

        var outcome = await run.WaitAsync(TimeSpan.FromMinutes(2));
        var labels = await LabelsAsync(outcome);
        Assert.Equal(Items, outcome.Report.Annotations[0].Reviewed);
        Assert.All(labels, l => Assert.Equal($"Human:{answeredBy[l.GetProperty("id").GetString()!]}", l.GetProperty("by").GetString()));
        Assert.Contains("alice", answeredBy.Values);
        Assert.Contains("bob", answeredBy.Values);
    }

    [Fact]
    public async Task At_the_deadline_escalate_hands_the_items_to_the_lead_and_two_reviewers_who_agree_give_the_label()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var config = new ReviewsConfig
        {
            // Long enough for the answers below to come in before round 0 ends, on a slow machine too.
            Reviewers = ["alice", "bob"], Overlap = 2, DeadlineMinutes = 0.15, OnDeadline = DeadlinePolicy.Escalate, EscalateTo = ["lead"],
        };
        var run = engine.RunAsync(Input(), Pipeline(config), review: ReviewMode.Wait);
        var api = engine.Services.GetRequiredService<ReviewApi>();
        var waiters = new DurableReviewWaiters(engine.Client);

        // Both reviewers answer the first item alike; alice alone answers the rest, so they still miss one answer each.
        var open = await OpenAssignmentsAsync(engine, "alice", Items);
        var first = open[0].TaskId;
        foreach (var assignment in open)
        {
            Assert.Equal(200, (await api.AnswerAsync(assignment.AssignmentId, null, new AnswerRequest("alice", "label", "spam", 1), waiters, default)).Status);
        }

        var bobs = (await OpenAssignmentsAsync(engine, "bob", Items)).Single(a => a.TaskId == first);
        Assert.Equal(200, (await api.AnswerAsync(bobs.AssignmentId, null, new AnswerRequest("bob", "label", "spam", 1), waiters, default)).Status);

        // After the deadline the lead gets the others and answers "ham": one vote each way is a tie, no verdict.
        var escalated = await OpenAssignmentsAsync(engine, "lead", Items - 1);
        foreach (var assignment in escalated)
        {
            Assert.Equal(200, (await api.AnswerAsync(assignment.AssignmentId, null, new AnswerRequest("lead", "label", "ham", 1), waiters, default)).Status);
        }

        var outcome = await run.WaitAsync(TimeSpan.FromMinutes(2));
        var item = (await engine.Services.GetRequiredService<IReviewStore>().GetTaskAsync(first))!.ItemId;
        var labels = await LabelsAsync(outcome);
        var agreed = labels.Single(l => l.GetProperty("id").GetString() == item);
        Assert.Equal("spam", agreed.GetProperty("label").GetString());
        Assert.Equal(1.0, agreed.GetProperty("confidence").GetDouble());
        Assert.All(labels.Where(l => l.GetProperty("id").GetString() != item), l => Assert.Equal("none", l.GetProperty("by").GetString()));
        Assert.Equal(1, outcome.Report.Annotations[0].Reviewed);
    }

    [Fact]
    public async Task Without_reviewers_in_the_pipeline_nothing_is_sent_for_review_and_a_waiting_run_does_not_wait()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var outcome = await engine.RunAsync(Input(), Pipeline(new ReviewsConfig()), review: ReviewMode.Wait).WaitAsync(TimeSpan.FromMinutes(2));

        var summary = Assert.Single(outcome.Report.Annotations);
        Assert.Equal(0, summary.Human);
        Assert.Equal(Items, summary.Unlabelled);
        Assert.All(await LabelsAsync(outcome), l => Assert.Contains("no human budget", l.GetProperty("reason").GetString()));
        Assert.Empty((await engine.Services.GetRequiredService<IReviewStore>().ListOpenAssignmentsAsync("reviewer")).Assignments);
    }

    [Fact]
    public async Task A_deferred_run_finishes_at_once_and_an_answer_given_later_replaces_the_label_in_its_output()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var outcome = await engine.RunAsync(Input(), Pipeline(new ReviewsConfig { Reviewers = ["alice"] }), review: ReviewMode.Defer)
            .WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, outcome.Report.Annotations[0].Reviewed);

        var open = await OpenAssignmentsAsync(engine, "alice", Items);
        var result = await engine.Services.GetRequiredService<ReviewApi>().AnswerAsync(
            open[0].AssignmentId, null, new AnswerRequest("alice", "label", "spam", 4), new DurableReviewWaiters(engine.Client), default);
        Assert.Equal(200, result.Status);

        var item = (await engine.Services.GetRequiredService<IReviewStore>().GetTaskAsync(open[0].TaskId))!.ItemId;
        var label = (await LabelsAsync(outcome)).Single(l => l.GetProperty("id").GetString() == item);
        Assert.Equal("spam", label.GetProperty("label").GetString());
        Assert.Equal("Human:alice", label.GetProperty("by").GetString());
        var records = await engine.Records.ListAnnotationsAsync(outcome.RunId).ToListAsync();
        Assert.Single(records, r => r.ItemId == item && r.Final);

        // report.json says what the labels file says: one item reviewed, by a person, with its seconds.
        var report = (await ReportJson.ReadAsync(engine.Blobs, outcome.RunId))!;
        var summary = report.Annotations[0];
        Assert.Equal(1, summary.Reviewed);
        Assert.Equal(4, summary.ReviewSecondsMedian);
        Assert.Equal(outcome.Report.Annotations[0].Human, summary.Human);
        Assert.True(report.AddsUp);
        Assert.NotNull(report.LabelsUpdatedAt);
        Assert.Equal(outcome.Report.Read, report.Read);
    }

    [Fact]
    public async Task Copies_of_texts_already_kept_are_neither_annotated_nor_sent_for_review()
    {
        await using var engine = await StartAsync(new AnsweringNotifier());
        var pipeline = Pipeline(new ReviewsConfig { Reviewers = ["alice"] });
        var first = await engine.RunAsync(Input(), pipeline, review: ReviewMode.Defer).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(Items, await OpenCountAsync(engine, first.RunId));

        // The same file uploaded again, grown: its first lines (same ids as in the first run) repeat the first run's
        // texts, then three new ones and one of them twice (batches of 4: the repeat shares a batch with its original).
        var second = _temp.Write("in/mail.jsonl", WorkflowTestHost.Lines(0, Items) + WorkflowTestHost.Lines(Items, 3) + WorkflowTestHost.Lines(Items + 2, 1));
        var outcome = await engine.RunAsync(second, pipeline, review: ReviewMode.Defer).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Items + 4, outcome.Report.Read);
        Assert.Equal(3, outcome.Report.Accepted);
        Assert.Equal(Items + 1, outcome.Report.Duplicates);
        Assert.Equal(3, await OpenCountAsync(engine, outcome.RunId));
        var annotated = 0;
        for (var batch = 0; batch < outcome.Report.Batches; batch++)
        {
            var blob = RunPaths.Annotations(outcome.RunId, batch);
            annotated += await engine.Blobs.GetInfoAsync(blob) is null ? 0 : await JsonLines.ReadAsync<TaskAnnotationState>(engine.Blobs, blob, default).CountAsync();
        }

        Assert.Equal(3, annotated); // the copies got no annotation state at all, not just no label in the output
    }

    [Fact]
    public async Task Two_processes_applying_late_answers_to_one_batch_at_once_both_reach_its_labels()
    {
        var (engine, outcome, reviews) = await StartDeferredWithFaultsAsync();
        await using var _ = engine;
        var (one, two) = reviews.GroupBy(t => t.Task.Waiter).First(g => g.Count() >= 2).ToList() switch { var g => (g[0], g[1]) };
        Assert.True(BatchInstance.TryParse(one.Task.Waiter, outcome.RunId, out var batch));

        // Two appliers, each with its own in-process lock: two instances of a scaled-out app answering at once. The first
        // has read the answers (only its own) when it is held before writing the batch's state; written as it was read,
        // it would drop the second answer.
        await ApplyInterleavedAsync(engine, RunPaths.Annotations(outcome.RunId, batch),
            one, ActivatorUtilities.CreateInstance<LateReviews>(engine.Services), two, ActivatorUtilities.CreateInstance<LateReviews>(engine.Services));

        var labels = (await LabelsAsync(outcome)).ToDictionary(l => l.GetProperty("id").GetString()!);
        foreach (var item in new[] { one.Task.ItemId, two.Task.ItemId })
        {
            Assert.Equal("Human:alice", labels[item].GetProperty("by").GetString());
            Assert.Equal("spam", labels[item].GetProperty("label").GetString());
        }

        Assert.Equal(2, (await ReportJson.ReadAsync(engine.Blobs, outcome.RunId))!.Annotations[0].Reviewed);
    }

    [Fact]
    public async Task Late_answers_to_two_batches_at_once_both_count_in_the_report()
    {
        var (engine, outcome, reviews) = await StartDeferredWithFaultsAsync();
        await using var _ = engine;
        var byBatch = reviews.GroupBy(t => t.Task.Waiter).Select(g => g.First()).ToList();
        Assert.True(byBatch.Count >= 2, "the items span two batches");

        // The first answer's report is rebuilt from the states as they were (the other batch not answered yet) and held;
        // written as built, it would leave the other batch's answer out.
        var late = engine.Services.GetRequiredService<LateReviews>();
        await ApplyInterleavedAsync(engine, RunPaths.Report(outcome.RunId), byBatch[0], late, byBatch[1], late);

        Assert.Equal(2, (await ReportJson.ReadAsync(engine.Blobs, outcome.RunId))!.Annotations[0].Reviewed);
    }

    /// <summary>A deferred run on an engine whose blob store can hold writes, and its open review assignments with their tasks.</summary>
    async Task<(LocalEngine Engine, RunOutcome Outcome, List<(ReviewAssignment Assignment, ReviewTask Task)> Reviews)> StartDeferredWithFaultsAsync()
    {
        var engine = await LocalEngine.StartAsync(_temp.Combine("out"), configureServices: services => services
            .AddSingleton<IReviewNotifier>(new AnsweringNotifier())
            .AddSingleton<IBlobStore>(sp => new FaultyBlobStore(sp.GetRequiredService<FolderBlobStore>())));
        var outcome = await engine.RunAsync(Input(), Pipeline(new ReviewsConfig { Reviewers = ["alice"] }), review: ReviewMode.Defer)
            .WaitAsync(TimeSpan.FromMinutes(2));
        var store = engine.Services.GetRequiredService<IReviewStore>();
        var reviews = new List<(ReviewAssignment, ReviewTask)>();
        foreach (var assignment in await OpenAssignmentsAsync(engine, "alice", Items))
        {
            reviews.Add((assignment, (await store.GetTaskAsync(assignment.TaskId))!));
        }

        return (engine, outcome, reviews);
    }

    /// <summary>
    /// Answers <paramref name="one"/> and applies it with <paramref name="first"/>, which is held just before its first
    /// write of <paramref name="blob"/>; meanwhile answers <paramref name="two"/> and applies it in full with
    /// <paramref name="second"/>; then lets the first go on and waits for it.
    /// </summary>
    static async Task ApplyInterleavedAsync(
        LocalEngine engine, BlobRef blob, (ReviewAssignment Assignment, ReviewTask Task) one, LateReviews first, (ReviewAssignment Assignment, ReviewTask Task) two, LateReviews second)
    {
        var faults = (FaultyBlobStore)engine.Services.GetRequiredService<IBlobStore>();
        var store = engine.Services.GetRequiredService<IReviewStore>();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        faults.BeforeWrite = async written =>
        {
            if (written == blob && Interlocked.Increment(ref writes) == 1)
            {
                held.SetResult();
                await release.Task;
            }
        };

        await store.AnswerAsync(one.Assignment.AssignmentId, new ReviewAnswer(ReviewAction.Label, "spam", 1, DateTimeOffset.UtcNow));
        var applying = Task.Run(() => first.ApplyAsync(one.Task));
        await held.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await store.AnswerAsync(two.Assignment.AssignmentId, new ReviewAnswer(ReviewAction.Label, "spam", 1, DateTimeOffset.UtcNow));
        await second.ApplyAsync(two.Task);
        release.SetResult();
        await applying.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_batch_waiting_on_many_items_reads_each_task_a_few_times_not_once_per_answer()
    {
        const int many = 24;
        var out_ = _temp.Combine("out");
        var counting = new CountingReviewStore(new SqliteReviewStore(Path.Combine(LocalEngine.StateFolder(out_), "records.db")));
        await using var engine = await LocalEngine.StartAsync(out_, configureServices: services => services
            .AddSingleton<IReviewNotifier>(new AnsweringNotifier())
            .AddSingleton<IReviewStore>(counting));
        var pipeline = Pipeline(new ReviewsConfig { Reviewers = ["alice"] }) with { Batching = new BatchingConfig { BatchSize = 50, MaxParallelBatches = 1, MaxAttempts = 3 } };
        var run = engine.RunAsync(_temp.Write("in/many.jsonl", WorkflowTestHost.Lines(0, many)), pipeline, review: ReviewMode.Wait);
        var api = engine.Services.GetRequiredService<ReviewApi>();
        var waiters = new DurableReviewWaiters(engine.Client);
        foreach (var assignment in await OpenAssignmentsAsync(engine, "alice", many))
        {
            Assert.Equal(200, (await api.AnswerAsync(assignment.AssignmentId, null, new AnswerRequest("alice", "label", "ham", 1), waiters, default)).Status);
        }

        var outcome = await run.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(many, outcome.Report.Annotations[0].Reviewed);

        // A full count at the start, one task per answer, a confirming count, the close: 4 reads a task (96). Counting
        // every task at every answer, as the wait once did, read 216 times in this burst of answers, and up to
        // n(n+1) = 600 when answers come one at a time, as people give them.
        Assert.InRange(counting.TaskReads, many, 5 * many);
    }

    static async Task<int> OpenCountAsync(LocalEngine engine, string runId) =>
        (await engine.Services.GetRequiredService<IReviewStore>().ListOpenAssignmentsAsync("alice")).Assignments.Count(a => a.RunId == runId);

    async Task<LocalEngine> StartAsync(AnsweringNotifier notifier) =>
        await LocalEngine.StartAsync(_temp.Combine("out"), configureServices: services => services.AddSingleton<IReviewNotifier>(notifier));

    string Input() => _temp.Write("in/mail.jsonl", WorkflowTestHost.Lines(0, Items));

    static PipelineConfig Pipeline(ReviewsConfig reviews) => WorkflowTestHost.Pipeline("reviews", batchSize: 4) with
    {
        Annotations =
        [
            new AnnotationTaskConfig
            {
                Name = "spam",
                Labels = ["ham", "spam"],
                Instructions = "Is this message unsolicited bulk mail?",
                Budget = new BudgetConfig { MaxFoundationItems = 0, MaxHumanItems = 100 },
            },
        ],
        Reviews = reviews,
    };

    /// <summary>Waits until <paramref name="reviewer"/> has <paramref name="count"/> open assignments (the batches opened them).</summary>
    static async Task<IReadOnlyList<ReviewAssignment>> OpenAssignmentsAsync(LocalEngine engine, string reviewer, int count)
    {
        var reviews = engine.Services.GetRequiredService<IReviewStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var page = await reviews.ListOpenAssignmentsAsync(reviewer, cancellationToken: timeout.Token);
            if (page.Assignments.Count >= count)
            {
                return page.Assignments;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    static async Task<List<JsonElement>> LabelsAsync(RunOutcome outcome) =>
        [.. (await Task.WhenAll(Directory.EnumerateFiles(Path.Combine(outcome.OutputFolder, "labels"), "*.jsonl").Order().Select(f => File.ReadAllLinesAsync(f))))
            .SelectMany(lines => lines).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    public void Dispose() => _temp.Dispose();

    /// <summary>Delivers notices to the test: it can answer inside the delivery, i.e. before the batch starts waiting.</summary>
    sealed class AnsweringNotifier : IReviewNotifier
    {
        public Func<ReviewNotice, Task>? OnNotice { get; set; }

        public Task NotifyAsync(ReviewNotice notice, CancellationToken cancellationToken) => OnNotice?.Invoke(notice) ?? Task.CompletedTask;
    }
}

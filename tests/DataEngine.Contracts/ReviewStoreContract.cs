using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using static DataEngine.Contracts.RecordSamples;
using static DataEngine.Contracts.ReviewSamples;

namespace DataEngine.Contracts;

/// <summary>
/// What every <see cref="IReviewStore"/> must do, run unchanged against each implementation: a derived class supplies a
/// fresh, isolated store per test. Tasks, assignments and the reviewer's queue here; answers and expiry in
/// ReviewStoreContract.Answers.cs.
/// </summary>
public abstract partial class ReviewStoreContract : IAsyncLifetime
{
    IReviewStore? _store;

    protected IReviewStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new store that no other test sees.</summary>
    protected abstract Task<IReviewStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync(IReviewStore store) => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    /// <summary>A stored task of a fresh run with one open assignment per reviewer, assigned a second apart.</summary>
    protected async Task<(ReviewTask Task, List<ReviewAssignment> Assignments)> CreatedAsync(params string[] reviewers)
    {
        var task = ReviewOf(Unique("run"), Unique("ds"), 7, overlap: reviewers.Length);
        var assignments = reviewers.Select((r, i) => Assigned(task, r, task.CreatedAt.AddSeconds(i))).ToList();
        Assert.True(await Store.CreateTaskAsync(task, assignments));
        return (task, assignments);
    }

    [Fact]
    public async Task A_task_and_its_assignments_round_trip_every_field()
    {
        var (task, assignments) = await CreatedAsync(Unique("alice"), Unique("bob"));

        var stored = await Store.GetTaskAsync(task.TaskId);
        Assert.Equal(task, stored);
        Assert.Equal(task.Proposals, stored!.Proposals);
        Assert.Equal(task.Text, stored.Text);
        Assert.Equal(task.Labels, stored.Labels);
        Assert.Equal(task.Instructions, stored.Instructions);
        Assert.Equal(task.Waiter, stored.Waiter);
        foreach (var assignment in assignments)
        {
            var read = await Store.GetAssignmentAsync(assignment.AssignmentId);
            Assert.NotNull(read?.ETag);
            Assert.Equal(assignment, WithoutETag(read));
        }

        var listed = await Store.ListAssignmentsAsync(task.TaskId);
        Assert.Equal(assignments, listed.Select(WithoutETag));
        Assert.All(listed, a => Assert.NotNull(a.ETag));

        var answer = Relabel("science");
        Assert.Equal(AnswerOutcome.Recorded, (await Store.AnswerAsync(assignments[1].AssignmentId, answer)).Outcome);
        var answered = await Store.GetAssignmentAsync(assignments[1].AssignmentId);
        Assert.Equal(assignments[1] with { State = ReviewAssignmentState.Answered, Answer = answer }, WithoutETag(answered));
        Assert.Equal(answer.AnsweredAt.Offset, answered!.Answer!.AnsweredAt.Offset);

        Assert.Null(await Store.GetTaskAsync(ReviewTask.IdOf(task.RunId, task.ItemId, "other-task")));
        Assert.Empty(await Store.ListAssignmentsAsync(Unique("absent")));
    }

    [Fact]
    public async Task A_task_without_labels_waiter_text_or_instructions_reads_back_without_them()
    {
        var task = Bare(ReviewOf(Unique("run"), Unique("ds"), 3));
        var empty = Bare(ReviewOf(task.RunId, task.Dataset, 4)) with { Labels = [] };
        Assert.True(await Store.CreateTaskAsync(task, []));
        Assert.True(await Store.CreateTaskAsync(empty, []));

        var stored = await Store.GetTaskAsync(task.TaskId);
        Assert.Equal(task, stored);
        Assert.Null(stored!.Labels);
        Assert.Null(stored.Waiter);
        Assert.Equal("", stored.Text);
        Assert.Equal("", stored.Instructions);
        Assert.Empty(stored.LabelList);

        var storedEmpty = await Store.GetTaskAsync(empty.TaskId);
        Assert.Equal(empty, storedEmpty);
        Assert.Empty(storedEmpty!.LabelList);
    }

    [Fact]
    public async Task A_task_with_the_longest_text_keeps_every_character()
    {
        var text = LongestText();
        var task = ReviewOf(Unique("run"), Unique("ds"), 5) with { Text = text };
        Assert.True(await Store.CreateTaskAsync(task, [Assigned(task, Unique("alice"), Start)]));

        var stored = await Store.GetTaskAsync(task.TaskId);

        Assert.Equal(ReviewTask.MaxTextLength, stored?.Text.Length);
        Assert.Equal(text, stored!.Text);
        Assert.Equal(task, stored);
    }

    [Fact]
    public async Task Creating_a_task_again_changes_nothing_not_even_an_answered_assignment()
    {
        var (task, assignments) = await CreatedAsync(Unique("alice"), Unique("bob"));
        await Store.AnswerAsync(assignments[0].AssignmentId, Approve());
        var before = await Store.ListAssignmentsAsync(task.TaskId);

        var again = task with { Deadline = task.Deadline.AddDays(1), Overlap = 5, Text = "changed", Labels = ["other"], Waiter = "another-batch" };
        Assert.False(await Store.CreateTaskAsync(again, assignments));

        Assert.Equal(task, await Store.GetTaskAsync(task.TaskId));
        Assert.Equal(before, await Store.ListAssignmentsAsync(task.TaskId));
    }

    [Fact]
    public async Task An_assignment_of_another_task_is_refused_and_a_reassignment_needs_a_stored_task()
    {
        var (task, _) = await CreatedAsync(Unique("alice"));
        var other = ReviewOf(task.RunId, task.Dataset, 8);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateTaskAsync(task, [Assigned(other, "carol", Start)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddAssignmentsAsync(task.TaskId, [Assigned(other, "carol", Start)]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddAssignmentsAsync(other.TaskId, [Assigned(other, "carol", Start)]));
        Assert.Null(await Store.GetTaskAsync(other.TaskId));
    }

    [Fact]
    public async Task A_reassignment_after_an_expiry_is_a_new_open_assignment_of_the_next_round()
    {
        var alice = Unique("alice");
        var carol = Unique("carol");
        var (task, assignments) = await CreatedAsync(alice);
        await Store.ExpireAsync(assignments[0].AssignmentId);

        var next = Assigned(task, carol, task.CreatedAt.AddMinutes(30), round: 1);
        await Store.AddAssignmentsAsync(task.TaskId, [next]);
        await Store.AddAssignmentsAsync(task.TaskId, [next]); // a retried step

        Assert.NotEqual(assignments[0].AssignmentId, next.AssignmentId);
        var listed = await Store.ListAssignmentsAsync(task.TaskId);
        Assert.Equal([ReviewAssignmentState.Expired, ReviewAssignmentState.Open], listed.Select(a => a.State));
        Assert.Equal(next, WithoutETag(listed[1]));
        Assert.Empty((await Store.ListOpenAssignmentsAsync(alice)).Assignments);
        Assert.Equal([next], (await Store.ListOpenAssignmentsAsync(carol)).Assignments.Select(WithoutETag));
    }

    [Fact]
    public async Task A_reviewers_open_assignments_come_oldest_first_page_by_page_and_only_theirs()
    {
        var alice = Unique("alice");
        var bob = Unique("bob");
        var (runId, dataset, otherDataset) = (Unique("run"), Unique("ds"), Unique("ds"));
        var open = new List<ReviewAssignment>();
        var closed = new List<ReviewAssignment>();

        // 300 tasks assigned in shuffled order; every fifth pair shares an assignment time, so the id breaks the tie.
        foreach (var ordinal in Shuffled(Enumerable.Range(0, 300), seed: 11))
        {
            var task = ReviewOf(runId, ordinal % 3 == 0 ? otherDataset : dataset, ordinal);
            var at = Start.AddSeconds(ordinal - ordinal % 2 * (ordinal % 5 == 0 ? 1 : 0));
            var mine = Assigned(task, alice, at);
            await Store.CreateTaskAsync(task, [mine, Assigned(task, bob, at.AddHours(-1))]);
            (ordinal % 7 == 0 ? closed : open).Add(mine);
        }

        foreach (var (assignment, i) in closed.Select((a, i) => (a, i)))
        {
            _ = i % 2 == 0 ? await Store.ExpireAsync(assignment.AssignmentId) : (await Store.AnswerAsync(assignment.AssignmentId, Approve())).Assignment;
        }

        Assert.Equal(InQueueOrder(open), await AllOpenAsync(alice, null, pageSize: 37));
        Assert.Equal(InQueueOrder(open.Where(a => a.Dataset == dataset)), await AllOpenAsync(alice, dataset, pageSize: 50));
        Assert.Empty((await Store.ListOpenAssignmentsAsync(Unique("nobody"))).Assignments);

        var first = await Store.ListOpenAssignmentsAsync(alice, pageSize: 10);
        Assert.Equal(10, first.Assignments.Count);
        Assert.Equal(new ReviewCursor(first.Assignments[^1].AssignedAt, first.Assignments[^1].AssignmentId), first.Next);
    }

    async Task<List<ReviewAssignment>> AllOpenAsync(string reviewer, string? dataset, int pageSize)
    {
        var all = new List<ReviewAssignment>();
        ReviewCursor? after = null;
        var pages = 0;
        do
        {
            var page = await Store.ListOpenAssignmentsAsync(reviewer, dataset, after, pageSize);
            Assert.True(page.Assignments.Count <= pageSize);
            Assert.All(page.Assignments, a => Assert.Equal(ReviewAssignmentState.Open, a.State));
            all.AddRange(page.Assignments.Select(a => WithoutETag(a)!));
            after = page.Next;
            Assert.True(++pages < 100, "paging does not end");
        }
        while (after is not null);

        return all;
    }
}

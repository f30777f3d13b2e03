using DataEngine.Core.Reviews;
using static DataEngine.Contracts.RecordSamples;
using static DataEngine.Contracts.ReviewSamples;

namespace DataEngine.Contracts;

/// <summary>Answers and expiry: an answer is recorded once, races have one winner, and a closed assignment takes none.</summary>
public abstract partial class ReviewStoreContract
{
    [Fact]
    public async Task An_answer_is_recorded_once_and_a_second_one_changes_nothing_and_gets_the_first_back()
    {
        var (_, assignments) = await CreatedAsync(Unique("alice"));
        var id = assignments[0].AssignmentId;
        var first = Approve();

        var recorded = await Store.AnswerAsync(id, first);
        Assert.Equal(AnswerOutcome.Recorded, recorded.Outcome);
        Assert.Equal(first, recorded.Assignment?.Answer);
        Assert.Equal(ReviewAssignmentState.Answered, recorded.Assignment?.State);
        var stored = await Store.GetAssignmentAsync(id);

        var second = await Store.AnswerAsync(id, Relabel("science"));

        Assert.Equal(AnswerOutcome.AlreadyAnswered, second.Outcome);
        Assert.Equal(first, second.Assignment?.Answer);
        Assert.Equal(stored, await Store.GetAssignmentAsync(id)); // the ETag too: nothing was written
        Assert.Equal(stored, second.Assignment);
    }

    [Fact]
    public async Task Of_concurrent_answers_to_one_assignment_exactly_one_is_recorded_and_all_see_it()
    {
        var (_, assignments) = await CreatedAsync(Unique("alice"));
        var id = assignments[0].AssignmentId;
        var answers = Enumerable.Range(0, 8).Select(i => Relabel($"label-{i}", seconds: i)).ToList();

        using var start = new ManualResetEventSlim();
        var racing = answers.Select(a => Task.Run(async () =>
        {
            start.Wait();
            return await Store.AnswerAsync(id, a);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(racing);

        var winner = Assert.Single(results, r => r.Outcome == AnswerOutcome.Recorded);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(AnswerOutcome.AlreadyAnswered, r.Outcome));
        Assert.All(results, r => Assert.Equal(winner.Assignment!.Answer, r.Assignment?.Answer));
        Assert.Contains(winner.Assignment!.Answer, answers);
        Assert.Equal(winner.Assignment.Answer, (await Store.GetAssignmentAsync(id))?.Answer);
    }

    [Fact]
    public async Task An_expired_assignment_takes_no_answer()
    {
        var (_, assignments) = await CreatedAsync(Unique("alice"));
        var id = assignments[0].AssignmentId;

        var expired = await Store.ExpireAsync(id);
        Assert.Equal(assignments[0] with { State = ReviewAssignmentState.Expired }, WithoutETag(expired));

        var late = await Store.AnswerAsync(id, Approve());

        Assert.Equal(AnswerOutcome.NotOpen, late.Outcome);
        Assert.Equal(expired, late.Assignment);
        Assert.Equal(expired, await Store.GetAssignmentAsync(id));
        Assert.Equal(expired, await Store.ExpireAsync(id)); // expiring twice changes nothing
    }

    [Fact]
    public async Task Expiring_an_answered_assignment_leaves_it_answered()
    {
        var (_, assignments) = await CreatedAsync(Unique("alice"), Unique("bob"));
        var answered = (await Store.AnswerAsync(assignments[0].AssignmentId, Approve())).Assignment;

        var afterExpiry = await Store.ExpireAsync(assignments[0].AssignmentId);

        Assert.Equal(answered, afterExpiry);
        Assert.Equal(answered, await Store.GetAssignmentAsync(assignments[0].AssignmentId));
        Assert.Equal(ReviewAssignmentState.Open, (await Store.GetAssignmentAsync(assignments[1].AssignmentId))?.State);
    }

    [Fact]
    public async Task An_unknown_assignment_is_not_found_and_nothing_is_created()
    {
        var id = ReviewAssignment.IdOf(Unique("task"), "alice", 0);

        var result = await Store.AnswerAsync(id, Approve());

        Assert.Equal(AnswerOutcome.NotFound, result.Outcome);
        Assert.Null(result.Assignment);
        Assert.Null(await Store.ExpireAsync(id));
        Assert.Null(await Store.GetAssignmentAsync(id));
    }
}

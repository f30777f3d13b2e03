using DataEngine.Core.Annotations;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Batches;

namespace DataEngine.Core.Tests.Reviews.Batches;

public sealed class ReviewVerdictsTests
{
    static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    static readonly string[] Binary = ["ham", "spam"];
    static readonly string[] Topics = ["sports", "politics", "science"];

    [Fact]
    public void Approving_accepts_the_model_label_and_rejecting_a_binary_label_votes_for_the_other()
    {
        var (reviews, verdict) = ReviewVerdicts.Decide("spam", AnnotationKind.Binary, Binary, "spam",
            [Answered("alice", ReviewAction.Reject, seconds: 4), Answered("bob", ReviewAction.Reject, seconds: 2, after: 1)]);

        Assert.Equal(["ham", "ham"], reviews.Select(r => r.Label));
        Assert.Equal("ham", verdict!.Label);
        Assert.Equal(new Annotator(AnnotatorKind.Human, "alice"), verdict.By);
        Assert.Equal(1.0, verdict.Confidence);
        Assert.Equal("2 of 2 reviewers: 'ham'", verdict.Reason);
        Assert.Equal(4000, reviews[0].LatencyMs);

        Assert.Equal("spam", ReviewVerdicts.Decide("spam", AnnotationKind.Binary, Binary, "spam", [Answered("alice", ReviewAction.Approve)]).Verdict!.Label);
    }

    [Fact]
    public void The_majority_label_wins_with_its_share_as_confidence_and_a_tie_gives_no_verdict()
    {
        var (_, verdict) = ReviewVerdicts.Decide("topic", AnnotationKind.Multiclass, Topics, "sports",
            [Answered("a", ReviewAction.Label, "science"), Answered("b", ReviewAction.Approve, after: 1), Answered("c", ReviewAction.Label, "science", after: 2)]);
        Assert.Equal("science", verdict!.Label);
        Assert.Equal(2.0 / 3, verdict.Confidence, 6);
        Assert.Equal("a", verdict.By.Id);

        var tie = ReviewVerdicts.Decide("topic", AnnotationKind.Multiclass, Topics, "sports",
            [Answered("a", ReviewAction.Label, "science"), Answered("b", ReviewAction.Approve, after: 1)]);
        Assert.Equal(2, tie.Reviews.Count);
        Assert.Null(tie.Verdict);
    }

    [Fact]
    public void Rejecting_a_multiclass_label_counts_against_it_without_a_label_and_skips_and_open_assignments_do_not_vote()
    {
        var (reviews, verdict) = ReviewVerdicts.Decide("topic", AnnotationKind.Multiclass, Topics, "sports",
        [
            Answered("a", ReviewAction.Reject),
            Answered("b", ReviewAction.Skip, after: 1),
            Answered("c", ReviewAction.Label, "politics", after: 2),
            new ReviewAssignment("ra-open", "rt-1", "d", "run", "d2", ReviewAssignmentState.Open, At),
        ]);

        Assert.Equal(2, reviews.Count);
        Assert.Null(reviews[0].Label);
        Assert.Equal("politics", verdict!.Label);
        Assert.Equal(0.5, verdict.Confidence);
    }

    [Fact]
    public void Without_a_model_label_approve_and_reject_have_nothing_to_judge_and_an_unknown_label_is_ignored()
    {
        var (reviews, verdict) = ReviewVerdicts.Decide("spam", AnnotationKind.Binary, Binary, proposed: null,
            [Answered("a", ReviewAction.Approve), Answered("b", ReviewAction.Reject, after: 1), Answered("c", ReviewAction.Label, "eggs", after: 2)]);
        Assert.Empty(reviews);
        Assert.Null(verdict);
    }

    static ReviewAssignment Answered(string reviewer, ReviewAction decision, string? label = null, double seconds = 1, int after = 0) =>
        new($"ra-{reviewer}", "rt-1", "d", "run", reviewer, ReviewAssignmentState.Answered, At,
            new ReviewAnswer(decision, label, seconds, At.AddSeconds(10 + after)));
}

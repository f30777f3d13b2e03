using DataEngine.Core.Pipeline;
using DataEngine.Core.Reviews.Batches;

namespace DataEngine.Core.Tests.Reviews.Batches;

public sealed class ReviewRoundTests
{
    static readonly ReviewsConfig Pool = new() { Reviewers = ["ann", "bea", "cal", "dan"], Overlap = 2 };

    [Fact]
    public void Each_item_gets_overlap_distinct_reviewers_the_same_every_time_and_work_spreads_over_the_pool()
    {
        var load = new Dictionary<string, int>();
        for (var i = 0; i < 400; i++)
        {
            var picked = ReviewRound.FirstReviewers(Pool, $"item-{i}");
            Assert.Equal(2, picked.Distinct().Count());
            Assert.Equal(picked, ReviewRound.FirstReviewers(Pool, $"item-{i}"));
            foreach (var reviewer in picked)
            {
                load[reviewer] = load.GetValueOrDefault(reviewer) + 1;
            }
        }

        Assert.Equal(4, load.Count);
        Assert.All(load.Values, count => Assert.InRange(count, 150, 250)); // 200 each on average
    }

    [Fact]
    public void A_reassignment_goes_to_pool_reviewers_who_did_not_have_the_item_and_an_escalation_to_the_escalation_list()
    {
        var first = ReviewRound.FirstReviewers(Pool, "item-7");
        var next = ReviewRound.NextReviewers(Pool with { OnDeadline = DeadlinePolicy.Reassign }, "item-7", first);
        Assert.Equal(2, next.Count);
        Assert.Empty(next.Intersect(first));
        Assert.Empty(ReviewRound.NextReviewers(Pool with { OnDeadline = DeadlinePolicy.Reassign }, "item-7", Pool.Reviewers));

        var escalate = Pool with { OnDeadline = DeadlinePolicy.Escalate, EscalateTo = ["lead"] };
        Assert.Equal(["lead"], ReviewRound.NextReviewers(escalate, "item-7", first));
        Assert.Empty(ReviewRound.NextReviewers(Pool, "item-7", first)); // fallback
    }

    [Fact]
    public void The_pipeline_refuses_a_review_section_that_cannot_work()
    {
        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Parse(
            "reviews:\n  reviewers: [ann]\n  overlap: 2\n  on_deadline: escalate\n", isYaml: true, "p.yaml"));
        Assert.Contains("overlap 2 needs at least 2 distinct reviewers", error.Message);

        error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Parse(
            "reviews:\n  reviewers: [ann]\n  on_deadline: escalate\n", isYaml: true, "p.yaml"));
        Assert.Contains("escalate_to", error.Message);

        var config = PipelineConfigLoader.Parse(
            "reviews:\n  reviewers: [ann, bea]\n  overlap: 2\n  deadline_minutes: 30\n  on_deadline: reassign\n  max_rounds: 2\n", isYaml: true, "p.yaml");
        Assert.Equal(TimeSpan.FromMinutes(30), config.Reviews.Deadline);
        Assert.Equal(DeadlinePolicy.Reassign, config.Reviews.OnDeadline);
    }
}

using DataEngine.Core.Reviews;
using DataEngine.Workflows.Reviews;

namespace DataEngine.Workflows.Tests.Reviews;

/// <summary>Listing, reading and answering assignments through <see cref="ReviewApi"/> over the SQLite review store.</summary>
public sealed class ReviewApiTests : IDisposable
{
    readonly ReviewApiFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task ListingWithoutAReviewerIsABadRequestThatSaysHowToName(string? reviewer)
    {
        var result = await _f.Api.ListAsync(reviewer, null, null, null, CancellationToken.None);

        Assert.Equal(400, result.Status);
        Assert.Contains("?reviewer=", Error(result));
    }

    [Fact]
    public async Task AReviewerPagesThroughOnlyTheirOpenAssignmentsOldestFirst()
    {
        // Stored out of order, so the order comes from the assignment times, not from insertion.
        var alice = new List<string>();
        foreach (var minute in new[] { 4, 1, 3, 0, 2 })
        {
            var (_, assignments) = await _f.SeedAsync($"item-{minute}", ReviewApiFixture.Start.AddMinutes(minute), reviewers: ["alice", "bob"]);
            alice.Add(assignments[0].AssignmentId);
        }

        var (_, answered) = await _f.SeedAsync("item-answered", ReviewApiFixture.Start.AddMinutes(-2), reviewers: ["alice"]);
        await _f.Store.AnswerAsync(answered[0].AssignmentId, new ReviewAnswer(ReviewAction.Skip, null, 1, ReviewApiFixture.Start));
        var (_, expired) = await _f.SeedAsync("item-expired", ReviewApiFixture.Start.AddMinutes(-1), reviewers: ["alice"]);
        await _f.Store.ExpireAsync(expired[0].AssignmentId);

        var seen = new List<ReviewView>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = List(await _f.Api.ListAsync("alice", null, after, "2", CancellationToken.None));
            Assert.Equal("alice", page.Reviewer);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.All(seen, v => Assert.Equal(("alice", "open"), (v.Reviewer, v.State)));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(m => $"item-{m}"),
            seen.Select(v => v.ItemId));
        Assert.Equal(alice.Order(), seen.Select(v => v.AssignmentId).Order());
    }

    [Fact]
    public async Task ADatasetFilterListsOnlyThatDataset()
    {
        await _f.SeedAsync("item-1", ReviewApiFixture.Start, reviewers: ["alice"]);
        await _f.SeedAsync("item-2", ReviewApiFixture.Start.AddMinutes(1), dataset: "news", reviewers: ["alice"]);

        var page = List(await _f.Api.ListAsync("alice", "news", null, null, CancellationToken.None));

        Assert.Equal(["item-2"], page.Items.Select(v => v.ItemId));
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("bm8tY29sb24")] // "no-colon"
    [InlineData("OjEyMw")] // ":123": no time
    [InlineData("===")]
    public async Task ACursorTheApiDidNotReturnIsABadRequest(string after)
    {
        await _f.SeedOneAsync();

        var result = await _f.Api.ListAsync("alice", null, after, null, CancellationToken.None);

        Assert.Equal(400, result.Status);
        Assert.Contains("'after' is not a cursor", Error(result));
        Assert.Contains("'next'", Error(result));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public async Task ALimitOutsideOneTo200IsABadRequest(string limit)
    {
        var result = await _f.Api.ListAsync("alice", null, null, limit, CancellationToken.None);

        Assert.Equal(400, result.Status);
        Assert.Contains("'limit' must be a whole number from 1 to 200", Error(result));
        Assert.Contains($"'{limit}'", Error(result));
    }

    [Fact]
    public async Task GetShowsTheItemItsLabelsAndTheProposals()
    {
        var (task, assignment) = await _f.SeedOneAsync(text: "Cheap watches, click here");

        var result = await _f.Api.GetAsync(assignment.AssignmentId, CancellationToken.None);

        Assert.Equal(200, result.Status);
        var view = Assert.IsType<ReviewView>(result.Json);
        Assert.Equal((assignment.AssignmentId, task.TaskId, "item-7", "alice", "open"), (view.AssignmentId, view.TaskId, view.ItemId, view.Reviewer, view.State));
        Assert.Equal("Cheap watches, click here", view.Text);
        Assert.Equal("Is this message unsolicited bulk mail?", view.Instructions);
        Assert.Equal(["ham", "spam"], view.Labels);
        Assert.Equal(new (string?, double, bool)[] { ("ham", 0.55, false), ("spam", 0.81, false), (null, 0, true) }, view.Proposals.Select(p => (p.Label, p.Confidence, p.Failed)));
        Assert.Equal("LightModel:ngram-spam@3f2a", view.Proposals[0].By);

        // The most expensive tier's usable answer; the failed attempt after it does not count.
        Assert.Equal("spam", view.Proposed);
        Assert.Null(view.Answer);
    }

    [Fact]
    public async Task GetOfAnUnknownAssignmentIsNotFoundAndNamesIt()
    {
        var result = await _f.Api.GetAsync("ra-nope", CancellationToken.None);

        Assert.Equal(404, result.Status);
        Assert.Contains("'ra-nope'", Error(result));
    }

    [Fact]
    public async Task AnAnswerIsRecordedAndWakesTheWaitingBatch()
    {
        var (_, assignment) = await _f.SeedOneAsync();
        _f.Clock.Now = ReviewApiFixture.Start.AddMinutes(5);

        var result = await Answer(assignment, new AnswerRequest("alice", "Label", "ham", 3.5));

        Assert.Equal(200, result.Status);
        var outcome = Assert.IsType<AnswerOutcomeView>(result.Json);
        Assert.Equal("recorded", outcome.Outcome);
        Assert.Null(outcome.Error);
        Assert.Equal(("answered", new AnswerView("label", "ham", 3.5, _f.Clock.Now)), (outcome.Review.State, outcome.Review.Answer));
        Assert.Equal(new ReviewAnswer(ReviewAction.Label, "ham", 3.5, _f.Clock.Now), (await _f.StoredAsync(assignment.AssignmentId)).Answer);
        Assert.Equal(new[] { (ReviewApiFixture.Waiter, assignment.AssignmentId) }, _f.Waiters.WokenUp.ToArray());
    }

    [Fact]
    public async Task ASecondAnswerIsAConflictAndTheFirstStands()
    {
        var (_, assignment) = await _f.SeedOneAsync();
        Assert.Equal(200, (await Answer(assignment, new AnswerRequest("alice", "label", "spam", 2))).Status);
        var before = await _f.StoredAsync(assignment.AssignmentId);

        var result = await Answer(assignment, new AnswerRequest("alice", "label", "ham", 9));

        Assert.Equal(409, result.Status);
        var outcome = Assert.IsType<AnswerOutcomeView>(result.Json);
        Assert.Equal("already answered", outcome.Outcome);
        Assert.Contains("answered before (label)", outcome.Error);
        Assert.Contains("changed nothing", outcome.Error);
        Assert.Equal("spam", outcome.Review.Answer?.Label);
        Assert.Equal(before, await _f.StoredAsync(assignment.AssignmentId));
        Assert.Single(_f.Waiters.WokenUp);
    }

    [Fact]
    public async Task AnotherReviewersAnswerIsForbiddenAndChangesNothing()
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var result = await Answer(assignment, new AnswerRequest("bob", "approve", null, 1));

        Assert.Equal(403, result.Status);
        Assert.Contains("is alice's, not bob's; nothing was recorded", Error(result));
        await AssertUnchanged(assignment);
    }

    [Fact]
    public async Task TheSignedInPrincipalWinsOverTheReviewerInTheBody()
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var result = await _f.Api.AnswerAsync(assignment.AssignmentId, "bob", new AnswerRequest("alice", "approve", null, 1), _f.Waiters, CancellationToken.None);

        Assert.Equal(403, result.Status);
        await AssertUnchanged(assignment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("approve,reject")]
    public async Task AnUnknownDecisionIsABadRequest(string? decision)
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var result = await Answer(assignment, new AnswerRequest("alice", decision, null, 1));

        Assert.Equal(400, result.Status);
        Assert.Contains("'decision' must be approve, reject, label or skip", Error(result));
        await AssertUnchanged(assignment);
    }

    [Theory]
    [InlineData("eggs")]
    [InlineData("Spam")]
    [InlineData(null)]
    public async Task ALabelNotAmongTheTasksLabelsIsABadRequest(string? label)
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var result = await Answer(assignment, new AnswerRequest("alice", "label", label, 1));

        Assert.Equal(400, result.Status);
        Assert.Contains("'label' must be one of the task's labels (ham, spam)", Error(result));
        await AssertUnchanged(assignment);
    }

    [Fact]
    public async Task AnAnswerWithoutBodyOrReviewerIsABadRequest()
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var noBody = await _f.Api.AnswerAsync(assignment.AssignmentId, null, null, _f.Waiters, CancellationToken.None);
        var noReviewer = await Answer(assignment, new AnswerRequest(null, "approve", null, 1));

        Assert.Equal((400, 400), (noBody.Status, noReviewer.Status));
        Assert.Contains("The body must be JSON", Error(noBody));
        Assert.Contains("Say who is answering", Error(noReviewer));
        await AssertUnchanged(assignment);
    }

    [Fact]
    public async Task AnAnswerToAnUnknownAssignmentIsNotFound()
    {
        var result = await _f.Api.AnswerAsync("ra-nope", null, new AnswerRequest("alice", "approve", null, 1), _f.Waiters, CancellationToken.None);

        Assert.Equal(404, result.Status);
        Assert.Contains("'ra-nope'", Error(result));
        Assert.Empty(_f.Waiters.WokenUp);
    }

    [Fact]
    public async Task AnAnswerToAnExpiredAssignmentIsAConflictAndChangesNothing()
    {
        var (_, assignment) = await _f.SeedOneAsync();
        var expired = await _f.Store.ExpireAsync(assignment.AssignmentId);

        var result = await Answer(assignment, new AnswerRequest("alice", "approve", null, 1));

        Assert.Equal(409, result.Status);
        var outcome = Assert.IsType<AnswerOutcomeView>(result.Json);
        Assert.Equal(("not open", "expired"), (outcome.Outcome, outcome.Review.State));
        Assert.Contains("is expired", outcome.Error);
        Assert.Null(outcome.Review.Answer);
        Assert.Equal(expired, await _f.StoredAsync(assignment.AssignmentId));
        Assert.Empty(_f.Waiters.WokenUp);
    }

    [Fact]
    public async Task OfManyConcurrentAnswersExactlyOneIsRecorded()
    {
        var (_, assignment) = await _f.SeedOneAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            Answer(assignment, new AnswerRequest("alice", "label", i % 2 == 0 ? "ham" : "spam", i)))));

        var recorded = Assert.Single(results, r => r.Status == 200);
        Assert.All(results.Where(r => r != recorded), r => Assert.Equal((409, "already answered"), (r.Status, ((AnswerOutcomeView)r.Json!).Outcome)));
        var winner = ((AnswerOutcomeView)recorded.Json!).Review.Answer!;
        var stored = (await _f.StoredAsync(assignment.AssignmentId)).Answer!;
        Assert.Equal((winner.Label, winner.SecondsSpent), (stored.Label, stored.SecondsSpent));
        Assert.Single(_f.Waiters.WokenUp);
    }

    Task<ApiResult> Answer(ReviewAssignment assignment, AnswerRequest body) =>
        _f.Api.AnswerAsync(assignment.AssignmentId, null, body, _f.Waiters, CancellationToken.None);

    async Task AssertUnchanged(ReviewAssignment seeded)
    {
        var stored = await _f.StoredAsync(seeded.AssignmentId);
        Assert.Equal((ReviewAssignmentState.Open, null), (stored.State, stored.Answer));
        Assert.Equal(seeded with { ETag = stored.ETag }, stored);
        Assert.Empty(_f.Waiters.WokenUp);
    }

    static ReviewListView List(ApiResult result)
    {
        Assert.True(result.Status == 200, $"Expected 200, got {result.Status}: {result.Json}");
        return Assert.IsType<ReviewListView>(result.Json);
    }

    static string Error(ApiResult result) => Assert.IsType<ApiResult.ErrorBody>(result.Json).Error;
}

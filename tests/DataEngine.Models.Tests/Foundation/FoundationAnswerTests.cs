using static DataEngine.Models.Tests.Foundation.FoundationHarness;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>Answers that arrive but cannot be used: asked again once, then counted as failed, never guessed.</summary>
public sealed class FoundationAnswerTests
{
    [Fact]
    public async Task Malformed_json_is_asked_again_once_then_the_items_fail_with_the_reason()
    {
        await using var harness = await StartAsync();
        harness.Server.Default = FakeReply.Malformed;

        var annotations = await harness.Annotator.AnnotateAsync(Spam, Mails(3));

        Assert.Equal(2, harness.Server.RequestCount);
        Assert.All(annotations, a =>
        {
            Assert.True(a.Failed);
            Assert.Null(a.Label);
            Assert.StartsWith("no usable answer after 2 attempts: the answer is not valid JSON", a.Reason);
        });
        // Both unusable answers were paid for, and the items carry what they cost.
        Assert.Equal(harness.Server.Requests.Sum(r => r.PromptTokens), annotations.Sum(a => a.InputTokens));
        Assert.Equal(harness.Server.Requests.Sum(r => r.CompletionTokens), annotations.Sum(a => a.OutputTokens));
        Assert.All(annotations, a => Assert.True(a.Cost > 0));
    }

    [Fact]
    public async Task Malformed_json_then_a_good_answer_labels_the_items_and_counts_both_requests_tokens()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = SpamRule;
        harness.Server.Enqueue(FakeReply.Malformed);

        var annotations = await harness.Annotator.AnnotateAsync(Spam, Mails(3));

        Assert.Equal(["spam", "ham", "ham"], annotations.Select(a => a.Label));
        Assert.Equal(2, harness.Server.RequestCount);
        Assert.Equal(harness.Server.Requests.Sum(r => r.PromptTokens), annotations.Sum(a => a.InputTokens));
    }

    [Fact]
    public async Task A_label_outside_the_tasks_labels_fails_the_item_instead_of_being_guessed()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = item => item.Text.Contains("PRIZE") ? new FakeAnswer("Spam!") : new FakeAnswer("ham");

        var annotations = await harness.Annotator.AnnotateAsync(Spam, Mails(3));

        Assert.True(annotations[0].Failed);
        Assert.Null(annotations[0].Label);
        Assert.Contains("label \"Spam!\" is not one of the task's labels (ham, spam)", annotations[0].Reason);
        Assert.Equal(["ham", "ham"], annotations.Skip(1).Select(a => a.Label));
        // The retry asked only about the item without an answer.
        Assert.Equal([3, 1], harness.Server.Requests.Select(r => r.Items.Count));
    }

    [Fact]
    public async Task An_item_left_out_of_the_answer_is_asked_about_again_alone()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = SpamRule;
        harness.Server.Enqueue(FakeReply.With(item => item.Id == "2" ? null : SpamRule(item)));
        var mails = Mails(3);

        var annotations = await harness.Annotator.AnnotateAsync(Spam, mails);

        Assert.Equal(["spam", "ham", "ham"], annotations.Select(a => a.Label));
        var retry = harness.Server.Requests[1];
        Assert.Equal(mails[1].Text, Assert.Single(retry.Items).Text);
        // The re-asked item paid for both requests, the others for the first only.
        Assert.True(annotations[1].InputTokens > annotations[2].InputTokens);
    }

    [Fact]
    public async Task An_item_left_out_twice_fails_while_the_others_keep_their_labels()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = item => item.Text.Contains("meeting 1") ? null : SpamRule(item);

        var annotations = await harness.Annotator.AnnotateAsync(Spam, Mails(3));

        Assert.Equal([false, true, false], annotations.Select(a => a.Failed));
        Assert.Equal("no usable answer after 2 attempts: the answer left this item out", annotations[1].Reason);
        Assert.Equal(2, harness.Server.RequestCount);
    }

    [Fact]
    public async Task An_answer_cut_off_at_the_token_limit_says_so()
    {
        await using var harness = await StartAsync();
        harness.Server.Default = FakeReply.Malformed with { FinishReason = "length" };

        var annotation = Assert.Single(await harness.Annotator.AnnotateAsync(Spam, Mails(1)));

        Assert.True(annotation.Failed);
        Assert.Equal("no usable answer after 2 attempts: the answer was cut off at MaxOutputTokens before its JSON was complete", annotation.Reason);
    }

    [Fact]
    public async Task A_confidence_outside_0_to_1_fails_the_item()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = _ => new FakeAnswer("ham", Confidence: 7);

        var annotation = Assert.Single(await harness.Annotator.AnnotateAsync(Spam, Mails(1)));

        Assert.True(annotation.Failed);
        Assert.Contains("confidence 7 is outside [0, 1]", annotation.Reason);
    }

    [Fact]
    public async Task A_score_outside_0_to_1_fails_the_item()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = _ => new FakeAnswer(null, Score: 1.5);

        var annotation = Assert.Single(await harness.Annotator.AnnotateAsync(Quality, Mails(1)));

        Assert.True(annotation.Failed);
        Assert.Null(annotation.Score);
        Assert.Contains("score 1.5 is outside [0, 1]", annotation.Reason);
    }
}

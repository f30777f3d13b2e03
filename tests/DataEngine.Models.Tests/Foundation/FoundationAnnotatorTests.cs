using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using static DataEngine.Models.Tests.Foundation.FoundationHarness;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>The foundation tier against a well-behaved OpenAI-compatible server: labels, scores, tokens, cost, batching, concurrency.</summary>
public sealed class FoundationAnnotatorTests
{
    [Fact]
    public async Task Binary_task_gets_each_items_label_in_input_order_with_its_tokens_and_cost()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = SpamRule;
        var mails = Mails(7);

        var annotations = await harness.Annotator.AnnotateAsync(Spam, mails);

        Assert.Equal(mails.Select(m => m.Text.Contains("PRIZE") ? "spam" : "ham"), annotations.Select(a => a.Label));
        Assert.All(annotations, a =>
        {
            Assert.False(a.Failed, a.Reason);
            Assert.Equal("spam", a.Task);
            Assert.Equal(0.8, a.Confidence);
            Assert.Null(a.Score);
            Assert.Equal(new Annotator(AnnotatorKind.FoundationModel, Model, harness.Server.ResponseModel), a.By);
            Assert.True(a.InputTokens > 0 && a.OutputTokens > 0);
            Assert.Equal((a.InputTokens * InputPrice + a.OutputTokens * OutputPrice) / 1_000_000m, a.Cost);
            Assert.True(a.LatencyMs > 0);
        });
        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(request.PromptTokens, annotations.Sum(a => a.InputTokens));
        Assert.Equal(request.CompletionTokens, annotations.Sum(a => a.OutputTokens));
        Assert.Equal("Bearer test-key", request.Authorization);
    }

    [Fact]
    public async Task Longer_items_carry_more_of_the_prompt_tokens()
    {
        await using var harness = await StartAsync();
        FoundationItem[] items = [new("short", "hi"), new("long", string.Concat(Enumerable.Repeat("a long line of text. ", 100)))];

        var annotations = await harness.Annotator.AnnotateAsync(Spam, items);

        Assert.True(annotations[1].InputTokens > 10 * annotations[0].InputTokens);
        Assert.Equal(annotations[0].OutputTokens, annotations[1].OutputTokens, tolerance: 1);
    }

    [Fact]
    public async Task Multiclass_task_gets_one_of_its_labels_per_item()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = item => new FakeAnswer(item.Text.Contains("invoice") ? "billing" : "technical", Confidence: 0.7);
        FoundationItem[] items = [new("a", "My invoice is wrong"), new("b", "The app crashes on start"), new("c", "Second invoice copy please")];

        var annotations = await harness.Annotator.AnnotateAsync(Topic, items);

        Assert.Equal(["billing", "technical", "billing"], annotations.Select(a => a.Label));
        Assert.All(annotations, a => Assert.Equal(0.7, a.Confidence));
    }

    [Fact]
    public async Task Score_task_gets_scores_and_no_labels()
    {
        await using var harness = await StartAsync();
        harness.Server.Answerer = item => new FakeAnswer(null, Score: item.Text.Length / 100.0, Confidence: 0.6);
        FoundationItem[] items = [new("a", new string('x', 25)), new("b", new string('y', 75))];

        var annotations = await harness.Annotator.AnnotateAsync(Quality, items);

        Assert.Equal([0.25, 0.75], annotations.Select(a => a.Score));
        Assert.All(annotations, a => Assert.Null(a.Label));
        Assert.All(annotations, a => Assert.False(a.Failed));
    }

    [Fact]
    public async Task The_request_asks_for_the_tasks_json_schema_with_its_labels()
    {
        await using var harness = await StartAsync(new() { ["MaxOutputTokens"] = "300", ["Temperature"] = "0" });
        harness.Server.Answerer = _ => new FakeAnswer("other");

        await harness.Annotator.AnnotateAsync(Topic, Mails(2));

        var body = Assert.Single(harness.Server.Requests).Body;
        Assert.Equal(Model, (string?)body["model"]);
        Assert.Equal(300, (int?)(body["max_completion_tokens"] ?? body["max_tokens"]));
        Assert.Equal(0.0, (double?)body["temperature"]);
        var format = body["response_format"]!;
        Assert.Equal("json_schema", (string?)format["type"]);
        Assert.True((bool?)format["json_schema"]!["strict"]);
        var answer = format["json_schema"]!["schema"]!["properties"]!["answers"]!["items"]!;
        Assert.Equal(Topic.Labels, answer["properties"]!["label"]!["enum"]!.AsArray().Select(l => (string?)l));
        Assert.Contains("Which department", (string?)body["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task Items_are_sent_ItemsPerRequest_to_a_request_and_come_back_in_input_order()
    {
        await using var harness = await StartAsync(new() { ["ItemsPerRequest"] = "10" });
        harness.Server.Answerer = SpamRule;
        var mails = Mails(25);

        var annotations = await harness.Annotator.AnnotateAsync(Spam, mails);

        Assert.Equal(3, harness.Server.RequestCount);
        Assert.Equal([5, 10, 10], harness.Server.Requests.Select(r => r.Items.Count).Order());
        Assert.Equal(mails.Select(m => m.Text.Contains("PRIZE") ? "spam" : "ham"), annotations.Select(a => a.Label));
        Assert.Equal(harness.Server.Requests.Sum(r => r.PromptTokens), annotations.Sum(a => a.InputTokens));
    }

    [Fact]
    public async Task No_more_than_MaxConcurrency_requests_are_in_flight_across_concurrent_calls()
    {
        await using var harness = await StartAsync(new() { ["ItemsPerRequest"] = "1", ["MaxConcurrency"] = "2" });
        harness.Server.Default = FakeReply.Slow(TimeSpan.FromMilliseconds(100));

        var calls = await Task.WhenAll(harness.Annotator.AnnotateAsync(Spam, Mails(6)), harness.Annotator.AnnotateAsync(Spam, Mails(4)));

        Assert.Equal(10, harness.Server.RequestCount);
        Assert.Equal(2, harness.Server.MaxInFlight);
        Assert.All(calls.SelectMany(c => c), a => Assert.False(a.Failed, a.Reason));
    }

    [Fact]
    public async Task A_huge_text_is_cut_to_MaxItemChars_before_it_is_sent()
    {
        await using var harness = await StartAsync(new() { ["MaxItemChars"] = "1000" });
        FoundationItem[] items = [new("huge", new string('z', 50_000)), new("small", "hello")];

        var annotations = await harness.Annotator.AnnotateAsync(Spam, items);

        var sent = Assert.Single(harness.Server.Requests).Items;
        Assert.Equal(1000, sent[0].Text.Length);
        Assert.Equal("hello", sent[1].Text);
        Assert.All(annotations, a => Assert.False(a.Failed));
    }

    [Fact]
    public async Task No_items_make_no_request()
    {
        await using var harness = await StartAsync();

        Assert.Empty(await harness.Annotator.AnnotateAsync(Spam, []));
        Assert.Equal(0, harness.Server.RequestCount);
    }

    [Fact]
    public async Task A_binary_task_without_two_labels_is_refused_before_any_request()
    {
        await using var harness = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Annotator.AnnotateAsync(Spam with { Labels = ["spam"] }, Mails(1)));
        Assert.Equal(0, harness.Server.RequestCount);
    }
}

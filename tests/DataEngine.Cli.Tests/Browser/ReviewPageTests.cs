using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace DataEngine.Cli.Tests.Browser;

/// <summary>The reviewer page (ReviewPage.Html) in headless Chromium against a stub of the review API: a reviewer
/// answers by keys and clicks, the next task shows without waiting for the network, and item text stays text.</summary>
public sealed class ReviewPageTests(HeadlessChromium browser, ITestOutputHelper output) : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Code = "key-123";
    private static readonly DateTimeOffset AssignedAt = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] BinaryKeys = ["a", "r", "1", "2", "s", Keys.Enter];
    private static readonly string[] MulticlassKeys = ["1", "2", "3", "4", "a", "r", "s"];

    private readonly IWebDriver _driver = browser.Driver;

    [Fact]
    public async Task ReviewPage_answering_thirty_tasks_by_keys_records_each_decision_and_shows_the_next_at_once()
    {
        // Each answer takes longer than the bound below: a page that waited for it could not pass.
        await using var stub = await ReviewApiStub.StartAsync(Reviews(30), answerDelay: TimeSpan.FromMilliseconds(80));
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}&code={Code}");

        var expected = new Dictionary<string, (string Decision, string? Label)>();
        var binary = 0;
        for (var i = 0; i < 30; i++)
        {
            var shown = WaitForShown(id => id is not null && !expected.ContainsKey(id))!;
            Assert.Equal(stub.Reviews[i].AssignmentId, shown);
            var review = stub.Reviews[i];
            var key = review.Labels.Count == 2 ? BinaryKeys[binary++ % BinaryKeys.Length] : MulticlassKeys[i / 3 % MulticlassKeys.Length];
            expected[shown] = Expect(key, review);
            new Actions(_driver).SendKeys(key).Perform();
            WaitForShown(id => id != shown);
        }

        WaitForAllSaved(answered: 30);
        Assert.Equal(expected.Keys.Order(), stub.Recorded.Keys.Order());
        foreach (var (id, (decision, label)) in expected)
        {
            var answer = stub.Recorded[id];
            Assert.Equal((decision, label), (answer.Decision, answer.Label));
            Assert.True(answer.SecondsSpent > 0, $"{id}: secondsSpent {answer.SecondsSpent}");
        }

        Assert.All(stub.Codes, code => Assert.Equal(Code, code));
        Assert.Contains("No open reviews", _driver.FindElement(By.Id("message")).Text);
        Assert.Contains("answered 30", _driver.FindElement(By.Id("counter")).Text);

        var timings = ((ReadOnlyCollection<object>)Script("return window.reviewTimings;")!).Select(Convert.ToDouble).Order().ToList();
        double Percentile(double p) => timings[Math.Max(0, (int)Math.Ceiling(p * timings.Count) - 1)];
        output.WriteLine($"keystroke to next task on screen over {timings.Count} decisions: p50 {Percentile(0.5):F1} ms, p95 {Percentile(0.95):F1} ms, max {timings[^1]:F1} ms (answer POST delay {stub.AnswerDelay.TotalMilliseconds} ms)");
        Assert.Equal(29, timings.Count);
        Assert.True(Percentile(0.95) <= 50, $"p95 {Percentile(0.95):F1} ms > 50 ms");
    }

    [Fact]
    public async Task ReviewPage_buttons_decide_like_keys()
    {
        await using var stub = await ReviewApiStub.StartAsync(Reviews(6));
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}");
        var ids = stub.Reviews.Select(r => r.AssignmentId).ToList();

        // The approve button names the label it accepts.
        WaitForShown(id => id == ids[0]);
        Assert.Equal($"Approve “{stub.Reviews[0].Proposed}” a", _driver.FindElement(By.Id("approve")).Text);
        Click(ids[0], "#approve");
        Click(ids[1], "#reject");
        Click(ids[2], "button[data-label='sales']");
        Click(ids[3], "button[data-label='spam']");
        Click(ids[4], "#skip");
        WaitForShown(id => id == ids[5]);

        WaitForAllSaved(answered: 5);
        Assert.Equal(("approve", (string?)null), Decision(stub, ids[0]));
        Assert.Equal(("reject", (string?)null), Decision(stub, ids[1]));
        Assert.Equal(("label", (string?)"sales"), Decision(stub, ids[2]));
        Assert.Equal(("label", (string?)"spam"), Decision(stub, ids[3]));
        Assert.Equal(("skip", (string?)null), Decision(stub, ids[4]));
        Assert.False(stub.Recorded.ContainsKey(ids[5]));
    }

    [Fact]
    public async Task ReviewPage_shows_markup_in_the_item_as_text()
    {
        const string text = "Dear customer,\n<script>alert(1)</script>\n<img src=x onerror=\"window.injected=1\">";
        var hostile = Review(0) with { Text = text, Proposals = [new StubProposal("spam", 0.9, "<b>model</b>", false, "<i>why</i>")] };
        await using var stub = await ReviewApiStub.StartAsync([hostile, Review(1)]);
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}");
        WaitForShown(id => id == hostile.AssignmentId);

        Assert.Equal(text, Script("return document.getElementById('item-text').textContent;"));
        Assert.Contains("<script>alert(1)</script>", _driver.FindElement(By.Id("item-text")).Text);
        Assert.Contains("<b>model</b>", _driver.FindElement(By.Id("proposals")).Text);
        Assert.Equal(0L, Script("return document.querySelectorAll('#item-text *, #proposals b, #proposals i').length;"));
        Assert.Equal(true, Script("return window.injected === undefined;"));
        Assert.Throws<NoAlertPresentException>(() => _driver.SwitchTo().Alert());

        new Actions(_driver).SendKeys("a").Perform();
        WaitForShown(id => id == stub.Reviews[1].AssignmentId);
        WaitForAllSaved(answered: 1);
    }

    [Fact]
    public async Task ReviewPage_notes_an_assignment_answered_elsewhere_and_goes_on()
    {
        await using var stub = await ReviewApiStub.StartAsync(Reviews(3));
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}");
        var ids = stub.Reviews.Select(r => r.AssignmentId).ToList();
        WaitForShown(id => id == ids[0]);
        stub.AnswerElsewhere(ids[0], "reject");

        new Actions(_driver).SendKeys("a").Perform();
        WaitForShown(id => id == ids[1]);
        var status = _driver.FindElement(By.Id("status"));
        Wait(_ => status.Text.Contains("already answered"));
        Assert.Equal("note", status.GetAttribute("class"));

        new Actions(_driver).SendKeys("r").Perform();
        WaitForShown(id => id == ids[2]);
        WaitForAllSaved(answered: 2);
        Assert.Contains((ids[0], 409), stub.Posts);
        Assert.False(stub.Recorded.ContainsKey(ids[0]));
        Assert.Equal(("reject", (string?)null), Decision(stub, ids[1]));
    }

    [Fact]
    public async Task ReviewPage_retries_a_failed_answer_and_says_so_meanwhile()
    {
        await using var stub = await ReviewApiStub.StartAsync(Reviews(2));
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}");
        var ids = stub.Reviews.Select(r => r.AssignmentId).ToList();
        WaitForShown(id => id == ids[0]);
        stub.FailNextAnswers(2);

        new Actions(_driver).SendKeys("1").Perform();
        WaitForShown(id => id == ids[1]);
        var status = _driver.FindElement(By.Id("status"));
        Wait(_ => status.Text.Contains("retrying"));
        Assert.Equal("error", status.GetAttribute("class"));

        WaitForAllSaved(answered: 1);
        Assert.Equal(("label", (string?)"ham"), Decision(stub, ids[0]));
        Assert.Equal([503, 503, 200], stub.Posts.Where(p => p.AssignmentId == ids[0]).Select(p => p.Status));
        Assert.Equal("", status.Text);
    }

    [Fact]
    public async Task ReviewPage_picks_up_assignments_that_arrive_while_the_queue_is_empty()
    {
        await using var stub = await ReviewApiStub.StartAsync([]);
        Open(stub, $"?reviewer={ReviewApiStub.Reviewer}");
        var message = _driver.FindElement(By.Id("message"));
        Wait(_ => message.Text.Contains("No open reviews"));

        stub.Add([Review(40)]);
        WaitForShown(id => id == "ra-0040", TimeSpan.FromSeconds(10));
        Assert.Equal("spam", _driver.FindElement(By.Id("task-name")).Text);
    }

    [Fact]
    public async Task ReviewPage_without_a_reviewer_says_how_to_open_it()
    {
        await using var stub = await ReviewApiStub.StartAsync(Reviews(2));
        Open(stub, "");

        var message = _driver.FindElement(By.Id("message"));
        Wait(_ => message.Displayed);
        Assert.Contains("No reviewer given", message.Text);
        Assert.Contains("?reviewer=", message.Text);
        Assert.False(_driver.FindElement(By.Id("current")).Displayed);
        Assert.Empty(stub.Codes);
    }

    public void Dispose() => _driver.Navigate().GoToUrl("about:blank");

    private static IReadOnlyList<StubReview> Reviews(int count) => Enumerable.Range(0, count).Select(Review).ToList();

    // Every third task is multiclass (four labels), the rest spam/ham.
    private static StubReview Review(int i)
    {
        var multiclass = i % 3 == 2;
        string[] labels = multiclass ? ["billing", "support", "sales", "other"] : ["ham", "spam"];
        return new StubReview(
            $"ra-{i:D4}", $"rt-{i:D4}", "mail", "mail-0123456789ab", $"item-{i:D4}", multiclass ? "route" : "spam",
            multiclass ? "Which team should handle this message?" : "Is this message unsolicited bulk mail?", labels,
            $"From: sender{i}@example.org\nSubject: message {i}\n\n" + string.Concat(Enumerable.Repeat($"Line of message {i}. ", 40)),
            labels[i % labels.Length],
            [new StubProposal(labels[i % labels.Length], 0.55 + i % 4 * 0.1, "light_model:ngram-spam@3f2a", i % 5 == 0, "n-gram score")],
            ReviewApiStub.Reviewer, "open", AssignedAt.AddMinutes(i), AssignedAt.AddDays(1), null);
    }

    private static (string Decision, string? Label) Expect(string key, StubReview review) => key switch
    {
        "a" => ("approve", null),
        _ when key == Keys.Enter => ("approve", null),
        "r" => ("reject", null),
        "s" => ("skip", null),
        _ => ("label", review.Labels[int.Parse(key) - 1]),
    };

    private static (string? Decision, string? Label) Decision(ReviewApiStub stub, string id) =>
        (stub.Recorded[id].Decision, stub.Recorded[id].Label);

    private void Open(ReviewApiStub stub, string query) => _driver.Navigate().GoToUrl(stub.PageAddress(query));

    private void Click(string expectedShown, string selector)
    {
        WaitForShown(id => id == expectedShown);
        _driver.FindElement(By.CssSelector(selector)).Click();
    }

    private object? Script(string script) => ((IJavaScriptExecutor)_driver).ExecuteScript(script);

    private string? WaitForShown(Func<string?, bool> condition, TimeSpan? timeout = null)
    {
        string? shown = null;
        Wait(_ => condition(shown = Script("return window.reviewState.shown;") as string), timeout);
        return shown;
    }

    private void WaitForAllSaved(int answered) =>
        Wait(_ => Script($"return window.reviewState.answered === {answered} && window.reviewState.pendingPosts === 0;") is true);

    private void Wait(Func<IWebDriver, bool> condition, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(_driver, timeout ?? TimeSpan.FromSeconds(10)) { PollingInterval = TimeSpan.FromMilliseconds(5) };
        wait.Until(condition);
    }
}

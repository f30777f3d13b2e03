using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;
using static DataEngine.Workflows.Tests.Reviews.Notifications.NotificationFixtures;

namespace DataEngine.Workflows.Tests.Reviews.Notifications;

public sealed class ReviewLinksTests
{
    [Fact]
    public void Each_link_verifies_for_its_reviewer_with_its_action_and_label_and_is_refused_for_another()
    {
        var task = Task();
        var notice = Links().NoticeFor(task, Assignment(task, "alice"));
        var signer = Signer();

        Assert.Equal(
            [(ReviewAction.Approve, null), (ReviewAction.Reject, null), (ReviewAction.Label, "ham"), (ReviewAction.Label, "spam"), (ReviewAction.Skip, null)],
            notice.Links.Select(link => (link.Action, link.Label)).ToArray());
        foreach (var link in notice.Links)
        {
            Assert.StartsWith("http://127.0.0.1:7071/api/review-links?token=", link.Url, StringComparison.Ordinal);
            var (token, reviewer) = Query(link.Url);
            Assert.Equal("alice", reviewer);

            var check = signer.Verify(token, "alice", Now);
            Assert.True(check.IsValid, $"{link.Action} {link.Label}: {check.Status}");
            Assert.Equal((task.TaskId, "alice", link.Action, link.Label), (check.Claims!.TaskId, check.Claims.Reviewer, check.Claims.Action, check.Claims.Label));
            Assert.Equal(ReviewTokenStatus.WrongReviewer, signer.Verify(token, "bob", Now).Status);
        }

        Assert.Equal(notice.Links.Count, notice.Links.Select(link => Query(link.Url).Token).Distinct().Count());
    }

    [Fact]
    public void Expiry_is_capped_at_the_task_deadline()
    {
        var deadline = Now.AddHours(2);
        var task = Task(deadline);
        var (token, _) = Query(Links(TimeSpan.FromHours(48)).For(task, Assignment(task))[0].Url);
        var signer = Signer();

        Assert.Equal(deadline, signer.Verify(token, "alice", Now).Claims!.ExpiresAt);
        Assert.True(signer.Verify(token, "alice", deadline.AddSeconds(-1)).IsValid);
        Assert.Equal(ReviewTokenStatus.Expired, signer.Verify(token, "alice", deadline).Status);
    }

    [Fact]
    public void Expiry_is_the_link_lifetime_when_the_deadline_is_later()
    {
        var task = Task(Now.AddDays(10));
        var (token, _) = Query(Links(TimeSpan.FromHours(48)).For(task, Assignment(task))[0].Url);

        Assert.Equal(Now.AddHours(48), Signer().Verify(token, "alice", Now).Claims!.ExpiresAt);
    }

    [Fact]
    public void A_task_past_its_deadline_gets_links_that_live_one_minute_not_dead_ones()
    {
        var task = Task(Now.AddHours(-1));
        var (token, _) = Query(Links().For(task, Assignment(task))[0].Url);
        var signer = Signer();

        Assert.True(signer.Verify(token, "alice", Now).IsValid);
        Assert.Equal(ReviewTokenStatus.Expired, signer.Verify(token, "alice", Now + ReviewLinks.MinimumLinkLifetime).Status);
    }

    [Fact]
    public void Only_the_first_nine_labels_get_links()
    {
        var labels = Enumerable.Range(1, 12).Select(i => $"l{i}").ToArray();
        var task = Task(labels: labels);

        var links = Links().For(task, Assignment(task));

        Assert.Equal(labels.Take(ReviewLinks.MaxLabelLinks), links.Where(l => l.Action == ReviewAction.Label).Select(l => l.Label));
        Assert.Equal(ReviewAction.Skip, links[^1].Action);
    }

    [Fact]
    public void Reviewer_is_escaped_in_links_and_page_url_under_the_configured_base_and_page_path()
    {
        var task = Task();
        var notice = Links(baseUrl: "https://myapp.azurewebsites.net/", pagePath: "/api/review-page").NoticeFor(task, Assignment(task, "ann&bob=x y@example.com"));

        Assert.Equal("https://myapp.azurewebsites.net/api/review-page?reviewer=ann%26bob%3Dx%20y%40example.com", notice.PageUrl);
        var (token, reviewer) = Query(notice.Links[0].Url);
        Assert.StartsWith("https://myapp.azurewebsites.net/api/review-links?token=", notice.Links[0].Url, StringComparison.Ordinal);
        Assert.Equal("ann&bob=x y@example.com", reviewer);
        Assert.True(Signer().Verify(token, reviewer, Now).IsValid);
    }

    [Fact]
    public void An_assignment_of_another_task_is_refused()
    {
        var task = Task();
        var other = Assignment(task) with { TaskId = "rt-other" };

        Assert.Throws<ArgumentException>(() => Links().For(task, other));
    }
}

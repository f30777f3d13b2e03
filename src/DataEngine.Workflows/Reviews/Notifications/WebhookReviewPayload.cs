using System.Text;
using System.Text.Json;
using DataEngine.Core.Annotations;
using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>The JSON body the webhook notifier posts (docs/review-api.md, Notifications); camelCase on the wire.</summary>
/// <param name="Text">One paragraph with the links in markdown: what Slack, Microsoft Teams and Google Chat incoming webhooks show.</param>
public sealed record WebhookReviewPayload(
    string Text,
    string Reviewer,
    string AssignmentId,
    string TaskId,
    string Dataset,
    string RunId,
    string ItemId,
    string Task,
    IReadOnlyList<string> Labels,
    IReadOnlyList<WebhookReviewProposal> Proposals,
    DateTimeOffset Deadline,
    string PageUrl,
    WebhookReviewLinks Links)
{
    /// <summary>Characters of the item's text quoted in <see cref="Text"/>.</summary>
    public const int PreviewLength = 200;

    public static WebhookReviewPayload From(ReviewNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var task = notice.Task;
        return new WebhookReviewPayload(
            Message(notice),
            notice.Reviewer,
            notice.Assignment.AssignmentId,
            task.TaskId,
            task.Dataset,
            task.RunId,
            task.ItemId,
            task.Task,
            task.LabelList,
            [.. task.Proposals.Where(p => !p.Failed).Select(p => new WebhookReviewProposal(p.Label, p.Confidence, By(p.By)))],
            task.Deadline,
            notice.PageUrl,
            new WebhookReviewLinks(
                notice.LinkFor(ReviewAction.Approve)?.Url,
                notice.LinkFor(ReviewAction.Reject)?.Url,
                notice.LinkFor(ReviewAction.Skip)?.Url,
                notice.LabelLinks.Where(link => link.Label is not null)
                    .DistinctBy(link => link.Label, StringComparer.Ordinal)
                    .ToDictionary(link => link.Label!, link => link.Url, StringComparer.Ordinal)));
    }

    private static string Message(ReviewNotice notice)
    {
        var task = notice.Task;
        var text = new StringBuilder()
            .Append($"Review for {notice.Reviewer}: item {ReviewNoticeText.Inert(task.ItemId)} ({task.Dataset}), task *{task.Task}*");
        if (task.Proposals.FirstOrDefault(p => !p.Failed && p.Label is not null) is { } proposal)
        {
            text.Append($", proposed *{proposal.Label}* ({proposal.Confidence:0.00})");
        }

        text.Append($": {ReviewNoticeText.Inert(ReviewNoticeText.Preview(task.Text, PreviewLength))} ");
        text.Append(string.Join(" · ", notice.Links.Select(link => $"[{ReviewNoticeText.LinkName(link)}]({link.Url})")));
        text.Append($" · [open review page]({notice.PageUrl}). Answer by {task.Deadline:u}.");
        return text.ToString();
    }

    // The kind in snake_case, as the review API shows it ("light_model:ngram-spam@3f2a…").
    private static string By(Annotator by)
    {
        var kind = JsonNamingPolicy.SnakeCaseLower.ConvertName(by.Kind.ToString());
        return by.Version is null ? $"{kind}:{by.Id}" : $"{kind}:{by.Id}@{by.Version}";
    }
}

/// <summary>One model proposal in a webhook body.</summary>
public sealed record WebhookReviewProposal(string? Label, double Confidence, string By);

/// <summary>The signed links in a webhook body, by action; <see cref="Label"/> maps each label to its link.</summary>
public sealed record WebhookReviewLinks(string? Approve, string? Reject, string? Skip, IReadOnlyDictionary<string, string> Label);

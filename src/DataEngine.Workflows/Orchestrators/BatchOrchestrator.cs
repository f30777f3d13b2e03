using DataEngine.Core.Annotations.Batches;
using DataEngine.Core.Reviews.Batches;
using DataEngine.Core.Runs;
using DataEngine.Workflows.Activities;
using Microsoft.DurableTask;

namespace DataEngine.Workflows.Orchestrators;

/// <summary>
/// One batch through the steps: filter (decode, rules, dedup keys); when the pipeline has annotation tasks, the light
/// tier and the cascade's routing, then the foundation model for the items sent up, then human review for the items
/// sent on to people; then commit the records.
/// </summary>
/// <remarks>
/// Human review waits on <see cref="ReviewEvents.Answered"/> events raced against a durable timer for the round's
/// deadline. The answers themselves are read from the review store: each round starts with a full count (so an answer
/// given before the wait began counts), each event checks the answered task, and a count that reaches zero is confirmed
/// by another full count (an event for an answer the first count had already seen cannot end the wait early). When a deadline passes,
/// the pipeline's policy reassigns or escalates the items still unanswered for another round, or the batch stops
/// waiting and those items keep the best model label, low trust.
/// </remarks>
public sealed class BatchOrchestrator : TaskOrchestrator<BatchInput, BatchCounts>
{
    public override async Task<BatchCounts> RunAsync(TaskOrchestrationContext context, BatchInput batch)
    {
        var retry = RetryPolicies.Activity(batch.MaxAttempts);
        var counts = await context.CallActivityAsync<BatchCounts>(nameof(FilterBatch), batch, retry);
        if (counts.Skipped)
        {
            return counts;
        }

        if (batch.Annotates && counts.Survivors > 0)
        {
            var routed = await context.CallActivityAsync<AnnotateCounts>(nameof(AnnotateBatch), batch, retry);
            if (routed.ToFoundation > 0)
            {
                await context.CallActivityAsync<int>(nameof(FoundationBatch), batch, retry);
            }

            var deadline = context.CurrentUtcDateTime.AddMinutes(batch.ReviewDeadlineMinutes);
            var reviews = await context.CallActivityAsync<int>(nameof(OpenReviews), new OpenReviewsInput(batch, context.InstanceId, deadline), retry);
            if (reviews > 0 && batch.Review == ReviewMode.Wait)
            {
                await WaitForReviewsAsync(context, batch, deadline, retry);
                await context.CallActivityAsync<int>(nameof(CloseReviews), batch, retry);
            }
        }

        await context.CallActivityAsync<int>(nameof(CommitBatch), batch, retry);

        return counts;
    }

    static async Task WaitForReviewsAsync(TaskOrchestrationContext context, BatchInput batch, DateTime deadline, TaskOptions retry)
    {
        for (var round = 0; ;)
        {
            // Each round starts from a full count (answers given before the wait included); then each answer event
            // checks its own task only, so a batch waiting on n items reads O(n) records in all, not O(n) per answer.
            // The count reaching zero is confirmed by a full count at the top of the loop.
            var pending = await context.CallActivityAsync<int>(nameof(PendingReviews), batch, retry);
            if (pending == 0)
            {
                return;
            }

            var settled = new HashSet<string>(StringComparer.Ordinal);
            while (pending > 0)
            {
                context.SetCustomStatus(new ReviewWait(round, deadline, pending));

                using var stop = new CancellationTokenSource();
                var answered = context.WaitForExternalEvent<string>(ReviewEvents.Answered, stop.Token);
                var timer = context.CreateTimer(deadline, stop.Token);
                var first = await Task.WhenAny(answered, timer);

                // Cancel the loser: a waiter left behind would swallow the next answer's event.
                stop.Cancel();
                if (first == answered)
                {
                    var check = await context.CallActivityAsync<SettledReview>(nameof(CheckAnswer), new CheckAnswerInput(batch, answered.Result), retry);
                    if (check is { Settled: true, TaskId: { } task } && settled.Add(task))
                    {
                        pending--;
                    }

                    continue;
                }

                var next = context.CurrentUtcDateTime.AddMinutes(batch.ReviewDeadlineMinutes);
                if (await context.CallActivityAsync<int>(nameof(ReviewDeadline), new ReviewDeadlineInput(batch, round, next), retry) == 0)
                {
                    return;
                }

                round++;
                deadline = next;
                break;
            }
        }
    }
}

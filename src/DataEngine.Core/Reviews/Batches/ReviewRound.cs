using System.IO.Hashing;
using System.Text;
using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Reviews.Batches;

/// <summary>
/// Picks reviewers for a task: round 0 takes <see cref="ReviewsConfig.Overlap"/> reviewers of the pool starting at a
/// place fixed by the item (so work spreads evenly and a retried step picks the same people); a reassignment takes the
/// next pool reviewers who have not had the task, an escalation the escalation reviewers who have not. Pure.
/// </summary>
public static class ReviewRound
{
    public static IReadOnlyList<string> FirstReviewers(ReviewsConfig config, string itemId) =>
        Rotate(Distinct(config.Reviewers), itemId).Take(config.Overlap).ToList();

    /// <summary>Reviewers for the next round under the deadline policy; empty when the policy is fallback or nobody is left.</summary>
    public static IReadOnlyList<string> NextReviewers(ReviewsConfig config, string itemId, IEnumerable<string> alreadyAssigned)
    {
        var had = alreadyAssigned.ToHashSet(StringComparer.Ordinal);
        var pool = config.OnDeadline switch
        {
            DeadlinePolicy.Reassign => Rotate(Distinct(config.Reviewers), itemId),
            DeadlinePolicy.Escalate => Distinct(config.EscalateTo),
            _ => [],
        };
        return pool.Where(r => !had.Contains(r)).Take(config.Overlap).ToList();
    }

    static List<string> Distinct(IEnumerable<string> reviewers) => reviewers.Distinct(StringComparer.Ordinal).ToList();

    static IEnumerable<string> Rotate(List<string> pool, string itemId)
    {
        if (pool.Count == 0)
        {
            return [];
        }

        // XxHash rather than string.GetHashCode, which is salted per process: a retried step must pick the same reviewers.
        var start = (int)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(itemId)) % (ulong)pool.Count);
        return pool.Skip(start).Concat(pool.Take(start));
    }
}

namespace DataEngine.Workflows;

/// <summary>The external events of human review, raised on the batch instance a review task names as its waiter.</summary>
public static class ReviewEvents
{
    /// <summary>A reviewer answered one of the batch's assignments; the payload is the assignment id.</summary>
    public const string Answered = "ReviewAnswered";
}

/// <summary>A waiting batch's custom status: the review round, its deadline and the tasks still unanswered.</summary>
public sealed record ReviewWait(int Round, DateTime Deadline, int Pending);

namespace DataEngine.Cli.Tests.Browser;

// The wire shapes of docs/review-api.md, written out here rather than taken from the server's code, so the stub
// checks the page against the document.

/// <summary>A model's proposal for an item.</summary>
public sealed record StubProposal(string Label, double Confidence, string By, bool LowTrust, string? Reason);

/// <summary>An answer as the API returns it.</summary>
public sealed record StubAnswer(string Decision, string? Label, double SecondsSpent, DateTimeOffset AnsweredAt);

/// <summary>A <c>Review</c>: one assignment with its item.</summary>
public sealed record StubReview(
    string AssignmentId, string TaskId, string Dataset, string RunId, string ItemId, string Task, string Instructions,
    IReadOnlyList<string> Labels, string Text, string? Proposed, IReadOnlyList<StubProposal> Proposals, string Reviewer, string State,
    DateTimeOffset AssignedAt, DateTimeOffset Deadline, StubAnswer? Answer);

/// <summary>The body of <c>POST /api/reviews/{assignmentId}/answer</c>.</summary>
public sealed record StubAnswerRequest(string? Reviewer, string? Decision, string? Label, double? SecondsSpent);

/// <summary>One page of <c>GET /api/reviews</c>.</summary>
public sealed record StubReviewPage(string Reviewer, IReadOnlyList<StubReview> Items, string? Next);

/// <summary>The error body every endpoint uses.</summary>
public sealed record StubError(string Error);

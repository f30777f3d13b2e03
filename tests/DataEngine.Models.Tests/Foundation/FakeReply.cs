namespace DataEngine.Models.Tests.Foundation;

/// <summary>An item as the fake server read it from a request: the id the request gave it and its text.</summary>
internal sealed record FakeItem(string Id, string Text);

/// <summary>What the fake model says about one item; a null <see cref="Label"/> with a null <see cref="Score"/> writes neither.</summary>
internal sealed record FakeAnswer(string? Label, double? Score = null, double Confidence = 0.9);

/// <summary>How the fake server answers one request.</summary>
internal sealed record FakeReply
{
    /// <summary>HTTP status; anything but 200 sends an OpenAI-style error body.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The Retry-After header to send, if any.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>How long to take before answering (the request's abort still ends it early).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The message content to send as it is; null builds it from <see cref="Answering"/> or the server's answerer.</summary>
    public string? Content { get; init; }

    /// <summary>The choice's finish_reason ("length" when the answer hit the token limit).</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Answers per item for this reply only; returning null leaves the item out.</summary>
    public Func<FakeItem, FakeAnswer?>? Answering { get; init; }

    /// <summary>Answers with the server's answerer.</summary>
    public static FakeReply Answer { get; } = new();

    /// <summary>A message content that is cut off in the middle of its JSON.</summary>
    public static FakeReply Malformed { get; } = new() { Content = "{\"answers\": [{\"id\": \"1\", \"label\": \"sp" };

    public static FakeReply Error(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };

    public static FakeReply Slow(TimeSpan delay) => new() { Delay = delay };

    public static FakeReply With(Func<FakeItem, FakeAnswer?> answering) => new() { Answering = answering };
}

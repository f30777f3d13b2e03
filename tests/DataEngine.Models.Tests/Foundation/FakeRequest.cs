using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DataEngine.Models.Tests.Foundation;

/// <summary>One request the fake server received, with the usage it reported for it.</summary>
internal sealed class FakeRequest(int number, long arrivedAt, JsonObject body, IReadOnlyList<FakeItem> items, string authorization)
{
    private readonly long _arrivedAt = arrivedAt;

    public int Number { get; } = number;

    public JsonObject Body { get; } = body;

    public IReadOnlyList<FakeItem> Items { get; } = items;

    public string Authorization { get; } = authorization;

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    /// <summary>Time between <paramref name="earlier"/>'s arrival and this one's.</summary>
    public TimeSpan Since(FakeRequest earlier) => Stopwatch.GetElapsedTime(earlier._arrivedAt, _arrivedAt);
}

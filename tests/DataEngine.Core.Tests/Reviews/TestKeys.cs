using DataEngine.Core.Reviews;

namespace DataEngine.Core.Tests.Reviews;

internal static class TestKeys
{
    public static readonly byte[] Current = Key(1);
    public static readonly byte[] Previous = Key(2);
    public static readonly byte[] Stranger = Key(3);

    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Expiry = Now.AddHours(48);

    public static byte[] Key(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(seed * 37 + i)).ToArray();

    public static ReviewToken Claims(string reviewer = "alice@example.org", ReviewAction action = ReviewAction.Approve, string? label = null) =>
        new("task-42", reviewer, action, label, Expiry, ReviewToken.NewNonce());
}

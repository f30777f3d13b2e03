using System.Globalization;
using DataEngine.Core.Items;
using DataEngine.Core.Ports;

namespace DataEngine.Contracts;

/// <summary>Records for the record store contract: unique names per test, so a store shared by tests still isolates them.</summary>
public static class RecordSamples
{
    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 1, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4567);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static RunRecord Run(string runId, string dataset, string input = "raw/uploads/2025-03-01") =>
        new(runId, dataset, input, RunStatus.Running, Start);

    public static string ItemId(long ordinal) => string.Create(CultureInfo.InvariantCulture, $"item-{ordinal:D6}");

    /// <summary>Item <paramref name="ordinal"/> of a run: line ordinal + 1 of one JSONL source.</summary>
    public static ItemRecord Item(string runId, string dataset, long ordinal, ItemState state = ItemState.Accepted, string? dedupKey = null) =>
        new(runId, ItemId(ordinal), dataset, "uploads/part-1.jsonl", ordinal + 1, ordinal, state, DedupKey: dedupKey);

    public static ItemRecord Rejected(string runId, string dataset, long ordinal, string? rule, double value = 12.5) =>
        Item(runId, dataset, ordinal, ItemState.Rejected) with { Rule = rule, RuleValue = value, Reason = $"{rule}: {value} < 50" };

    public static ItemRecord Quarantined(string runId, string dataset, long ordinal, string? reason) =>
        Item(runId, dataset, ordinal, ItemState.Quarantined) with { Reason = reason };

    /// <summary>The same items in an order fixed by <paramref name="seed"/>.</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    public static async Task<List<ItemRecord>> ListAsync(IRecordStore store, string runId, ItemState? state = null)
    {
        var items = new List<ItemRecord>();
        await foreach (var item in store.ListItemsAsync(runId, state))
        {
            items.Add(item);
        }

        return items;
    }
}

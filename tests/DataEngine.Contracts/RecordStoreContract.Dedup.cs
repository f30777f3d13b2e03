using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>Dedup claims (the lowest ordinal of the first run to claim wins) and settling duplicates from them.</summary>
public abstract partial class RecordStoreContract
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Within_a_run_the_lowest_ordinal_keeps_its_text_whatever_order_batches_commit_in(int seed)
    {
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var items = Enumerable.Range(0, 240)
            .Select(i => Item(run.RunId, run.Dataset, i, dedupKey: i < 200 ? $"k{i * 7 % 30:D2}" : $"u{i}"))
            .ToList();

        // Twelve batches commit at once, in an order fixed by the seed, each claiming its keys in a scrambled order.
        var batches = Shuffled(items.Chunk(20), seed);
        await Task.WhenAll(batches.Select((batch, n) => Task.Run(async () =>
        {
            await Store.UpsertItemsAsync(batch);
            await Store.ClaimDedupKeysAsync(run.Dataset, run.RunId, Shuffled(batch.Select(i => new DedupClaim(i.DedupKey!, i.ItemId, i.Ordinal)), seed * 100 + n));
        })));
        var marked = await Store.ResolveDuplicatesAsync(run.Dataset, run.RunId);

        var keepers = items.GroupBy(i => i.DedupKey!).ToDictionary(g => g.Key, g => g.MinBy(i => i.Ordinal)!);
        Assert.Equal(items.Count - keepers.Count, marked);
        var expected = items.Select(i => keepers[i.DedupKey!] is var keeper && keeper == i
                ? i
                : i with { State = ItemState.Duplicate, DuplicateOf = $"{run.RunId}/{keeper.ItemId}", Reason = $"duplicate of uploads/part-1.jsonl:{keeper.Position}" })
            .ToList();
        Assert.Equal(expected, await ListAsync(Store, run.RunId));

        Assert.Equal(0, await Store.ResolveDuplicatesAsync(run.Dataset, run.RunId)); // settled: a second pass changes nothing
        var counts = await Store.CountAsync(run.RunId);
        Assert.Equal(keepers.Count, counts[ItemState.Accepted]);
        Assert.Equal(marked, counts[ItemState.Duplicate]);
    }

    [Fact]
    public async Task A_text_kept_by_an_earlier_run_stays_with_it_and_the_later_run_marks_its_copies()
    {
        var dataset = Unique("ds");
        var earlier = Unique("run");
        var later = Unique("run");
        var kept = Item(earlier, dataset, 40, dedupKey: "shared");
        var keptMail = Item(earlier, dataset, 41, dedupKey: "mail-body") with { Source = "mail/a.eml", Position = 0 };
        await Store.UpsertItemsAsync([kept, keptMail]);
        await Store.ClaimDedupKeysAsync(dataset, earlier, [new("shared", kept.ItemId, 40), new("mail-body", keptMail.ItemId, 41)]);

        // The later run's copies come first in its own plan (ordinal 0, 1): the earlier run keeps the texts all the same.
        var copy = Item(later, dataset, 0, dedupKey: "shared");
        var mailCopy = Item(later, dataset, 1, dedupKey: "mail-body");
        var fresh = Item(later, dataset, 2, dedupKey: "only-later");
        var unkeyed = Item(later, dataset, 3);
        var rejected = Rejected(later, dataset, 4, "c4.line_count") with { DedupKey = "shared" };
        await Store.UpsertItemsAsync([copy, mailCopy, fresh, unkeyed, rejected]);
        await Store.ClaimDedupKeysAsync(dataset, later, [new("shared", copy.ItemId, 0), new("mail-body", mailCopy.ItemId, 1), new("only-later", fresh.ItemId, 2)]);
        await Store.ClaimDedupKeysAsync(dataset, earlier, [new("shared", kept.ItemId, 40)]); // the earlier run's commit, retried

        // The same text in another dataset is no copy.
        var elsewhere = Item(Unique("run"), Unique("ds"), 0, dedupKey: "shared");
        await Store.UpsertItemsAsync([elsewhere]);
        await Store.ClaimDedupKeysAsync(elsewhere.Dataset, elsewhere.RunId, [new("shared", elsewhere.ItemId, 0)]);

        Assert.Equal(0, await Store.ResolveDuplicatesAsync(dataset, earlier));
        Assert.Equal(2, await Store.ResolveDuplicatesAsync(dataset, later));
        Assert.Equal(0, await Store.ResolveDuplicatesAsync(elsewhere.Dataset, elsewhere.RunId));

        Assert.Equal([kept, keptMail], await ListAsync(Store, earlier));
        Assert.Equal(
            [
                copy with { State = ItemState.Duplicate, DuplicateOf = $"{earlier}/{kept.ItemId}", Reason = $"duplicate of uploads/part-1.jsonl:41 (run {earlier})" },
                mailCopy with { State = ItemState.Duplicate, DuplicateOf = $"{earlier}/{keptMail.ItemId}", Reason = $"duplicate of mail/a.eml (run {earlier})" },
                fresh,
                unkeyed,
                rejected,
            ],
            await ListAsync(Store, later));
        Assert.Equal([elsewhere], await ListAsync(Store, elsewhere.RunId));
    }

    [Fact]
    public async Task The_owner_of_each_claimed_key_can_be_read_before_a_batch_commits()
    {
        var dataset = Unique("ds");
        var earlier = Unique("run");
        var later = Unique("run");
        await Store.ClaimDedupKeysAsync(dataset, earlier, [new("kept-earlier", "item-40", 40)]);
        await Store.ClaimDedupKeysAsync(dataset, later, [new("in-later", "item-7", 7), new("in-later", "item-3", 3)]);
        await Store.ClaimDedupKeysAsync(Unique("ds"), Unique("run"), [new("elsewhere", "item-0", 0)]);

        var owners = await Store.GetDedupOwnersAsync(dataset, ["kept-earlier", "in-later", "elsewhere", "never-claimed", "in-later"]);

        Assert.Equal(2, owners.Count);
        Assert.Equal(new DedupOwner(earlier, "item-40", 40), owners["kept-earlier"]);
        Assert.Equal(new DedupOwner(later, "item-3", 3), owners["in-later"]);
        Assert.True(owners["kept-earlier"].Outranks(later, 0), "an earlier run keeps its text whatever the later copy's ordinal");
        Assert.True(owners["in-later"].Outranks(later, 5));
        Assert.False(owners["in-later"].Outranks(later, 3));
        Assert.Empty(await Store.GetDedupOwnersAsync(dataset, []));
    }
}

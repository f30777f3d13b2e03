using DataEngine.Core.Items;
using DataEngine.Core.Ports;
using static DataEngine.Contracts.RecordSamples;

namespace DataEngine.Contracts;

/// <summary>Item records: idempotent upserts, counting, listing in ordinal order, sampling by sample key.</summary>
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task Items_written_twice_stay_one_record_each_with_the_latest_version()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var items = Enumerable.Range(0, 60).Select(i => Item(run.RunId, run.Dataset, i)).ToList();
        await Store.UpsertItemsAsync(items);
        await Store.UpsertItemsAsync(items); // a retried commit

        var rewritten = items.Select(i => i.Ordinal % 4 == 0 ? Rejected(run.RunId, run.Dataset, i.Ordinal, "gopher_quality.min_words") : i).ToList();
        await Store.UpsertItemsAsync(rewritten.Where(i => i.State == ItemState.Rejected).ToList());

        Assert.Equal(rewritten, await ListAsync(Store, run.RunId));
        Assert.Equal(45, (await Store.CountAsync(run.RunId))[ItemState.Accepted]);
    }

    [Fact]
    public async Task Item_ids_with_any_characters_and_of_any_length_are_kept_apart_and_come_back_as_written()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run/with?odd#chars"), Unique("ds")));
        var ids = new[] { "a/b", "a%2Fb", "a|b", "back\\slash", "q?x#y", "ü €", new string('n', 300), new string('n', 299) + "m", "%h00" };
        var items = ids.Select((id, i) => Item(run.RunId, run.Dataset, i) with { ItemId = id }).ToList();

        await Store.UpsertItemsAsync(items);
        await Store.UpsertItemsAsync(items);

        Assert.Equal(items, await ListAsync(Store, run.RunId));
    }

    [Fact]
    public async Task Counts_give_each_state_and_why_items_were_rejected_or_quarantined()
    {
        // No run record: a store must count a run's items from the items alone.
        var runId = Unique("run");
        var dataset = Unique("ds");
        var ordinal = 0L;
        var items = new List<ItemRecord>();
        items.AddRange(Enumerable.Range(0, 5).Select(_ => Item(runId, dataset, ordinal++)));
        items.AddRange(Enumerable.Range(0, 4).Select(_ => Rejected(runId, dataset, ordinal++, "gopher_quality.min_words")));
        items.AddRange(Enumerable.Range(0, 3).Select(_ => Rejected(runId, dataset, ordinal++, "c4.lorem_ipsum", 0.4)));
        items.Add(Rejected(runId, dataset, ordinal++, rule: null));
        items.AddRange(Enumerable.Range(0, 2).Select(_ => Item(runId, dataset, ordinal++, ItemState.Duplicate) with { DuplicateOf = $"{runId}/{ItemId(0)}" }));
        items.AddRange(Enumerable.Range(0, 2).Select(_ => Quarantined(runId, dataset, ordinal++, "malformed JSON: unexpected end")));
        items.Add(Quarantined(runId, dataset, ordinal++, "invalid UTF-8 at byte 12"));
        await Store.UpsertItemsAsync(Shuffled(items, seed: 7));
        await Store.UpsertItemsAsync([Item(Unique("run"), dataset, 0), Rejected(Unique("run"), dataset, 1, "gopher_quality.min_words")]); // other runs

        var counts = await Store.CountAsync(runId);

        Assert.Equal(5, counts[ItemState.Accepted]);
        Assert.Equal(8, counts[ItemState.Rejected]);
        Assert.Equal(2, counts[ItemState.Duplicate]);
        Assert.Equal(3, counts[ItemState.Quarantined]);
        Assert.Equal(18, counts.Total);
        Assert.Equal(new Dictionary<string, long> { ["gopher_quality.min_words"] = 4, ["c4.lorem_ipsum"] = 3 }, counts.RejectedByRule);
        Assert.Equal(new Dictionary<string, long> { ["malformed JSON: unexpected end"] = 2, ["invalid UTF-8 at byte 12"] = 1 }, counts.QuarantinedByReason);

        Assert.Equal(0, (await Store.CountAsync(Unique("run"))).Total);
    }

    [Fact]
    public async Task A_run_of_over_ten_thousand_items_lists_page_by_page_in_ordinal_order()
    {
        const int count = 10_500;
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var items = Enumerable.Range(0, count)
            .Select(i => i % 3 == 0 ? Rejected(run.RunId, run.Dataset, i, "c4.line_count") : Item(run.RunId, run.Dataset, i))
            .ToList();

        // Committed as batches in a scrambled order, two at a time, as concurrent batch activities would.
        var batches = Shuffled(items.Chunk(500), seed: 11);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, token) => await Store.UpsertItemsAsync(batch, token));
        await Store.UpsertItemsAsync([Item(Unique("run"), run.Dataset, 5)]); // another run of the dataset

        var listed = await ListAsync(Store, run.RunId);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), listed.Select(i => i.Ordinal));
        Assert.Equal(items, listed);

        var rejected = await ListAsync(Store, run.RunId, ItemState.Rejected);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 3 == 0).Select(i => (long)i), rejected.Select(i => i.Ordinal));
        Assert.All(rejected, i => Assert.Equal("c4.line_count", i.Rule));
    }

    [Fact]
    public async Task A_sample_is_the_items_that_follow_the_start_by_sample_key_wrapping_round()
    {
        var (dataset, accepted) = await SeedSampleDatasetAsync();
        var byKey = accepted.OrderBy(i => i.SampleKey).ToList();

        foreach (var start in new[] { 0.0, 0.25, 0.5, 0.9993, new Random(5).NextDouble() })
        {
            var sample = await Store.SampleItemsAsync(dataset, ItemState.Accepted, 100, start);

            var expected = byKey.Where(i => i.SampleKey >= start).Concat(byKey.Where(i => i.SampleKey < start)).Take(100).ToList();
            Assert.Equal(expected, sample);
        }

        var wrapped = await Store.SampleItemsAsync(dataset, ItemState.Accepted, 10, byKey[^3].SampleKey);
        Assert.Equal(byKey[^3..].Concat(byKey[..7]), wrapped);

        var everything = await Store.SampleItemsAsync(dataset, ItemState.Accepted, 5_000, 0.5);
        Assert.Equal(accepted.Count, everything.Count);
        Assert.Equal(accepted.ToHashSet(), everything.ToHashSet());

        Assert.Empty(await Store.SampleItemsAsync(dataset, ItemState.Accepted, 0, 0.5));
        Assert.Empty(await Store.SampleItemsAsync(Unique("ds"), ItemState.Accepted, 10, 0.5));
    }

    [Fact]
    public async Task Samples_from_random_starts_cover_the_dataset_without_favouring_a_run_or_a_part_of_it()
    {
        var (dataset, accepted) = await SeedSampleDatasetAsync();
        var random = new Random(20250301);
        var drawn = new List<ItemRecord>();
        for (var draw = 0; draw < 40; draw++)
        {
            drawn.AddRange(await Store.SampleItemsAsync(dataset, ItemState.Accepted, 25, random.NextDouble()));
        }

        Assert.Equal(1_000, drawn.Count);
        Assert.All(drawn, i => Assert.Equal(ItemState.Accepted, i.State));

        // Fixed seeds and ids make these numbers the same on every run; the bounds are ones a uniform draw meets by far.
        // Each run holds half the accepted items; each tenth of the ordinals holds a tenth.
        var firstRun = drawn.Count(i => i.RunId == accepted[0].RunId);
        Assert.InRange(firstRun, 400, 600);
        var tenths = drawn.GroupBy(i => i.Ordinal * 10 / 1_000).ToDictionary(g => g.Key, g => g.Count());
        var chiSquare = Enumerable.Range(0, 10).Sum(t => Math.Pow(tenths.GetValueOrDefault(t) - 100.0, 2) / 100.0);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare:F1} over 10 ordinal buckets (9 df; 27.9 is p = 0.001)");
        Assert.True(drawn.Select(i => (i.RunId, i.ItemId)).Distinct().Count() > 600, "draws from 40 random starts should mostly differ");
    }

    /// <summary>2,000 accepted items over two runs of one dataset, plus rejected items and another dataset that a sample must never return.</summary>
    async Task<(string Dataset, List<ItemRecord> Accepted)> SeedSampleDatasetAsync()
    {
        var dataset = Unique("ds");
        var runs = new[] { Unique("run"), Unique("run") };
        var accepted = runs.SelectMany(run => Enumerable.Range(0, 1_000).Select(i => Item(run, dataset, i))).ToList();
        var noise = runs.SelectMany(run => Enumerable.Range(1_000, 200).Select(i => Rejected(run, dataset, i, "c4.line_count")))
            .Concat(Enumerable.Range(0, 200).Select(i => Item(Unique("run"), Unique("ds"), i)))
            .ToList();
        await Task.WhenAll(accepted.Concat(noise).Chunk(600).Select(chunk => Store.UpsertItemsAsync(chunk)));
        return (dataset, accepted);
    }
}

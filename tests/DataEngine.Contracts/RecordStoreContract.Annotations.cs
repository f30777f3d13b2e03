using System.Globalization;
using DataEngine.Core.Annotations;
using DataEngine.Core.Ports;
using static DataEngine.Contracts.AnnotationSamples;
using static DataEngine.Contracts.RecordSamples;
using static DataEngine.Core.Annotations.AnnotatorKind;

namespace DataEngine.Contracts;

/// <summary>Annotation records: every field kept, idempotent upserts, the run listing's order, training labels, sampling by sample key.</summary>
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task Every_field_of_an_annotation_comes_back_as_written_whatever_its_ids_hold()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run/with?odd#chars"), Unique("ds")));
        var at = new DateTimeOffset(2025, 3, 1, 11, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var longId = new string('n', 300);
        var records = new List<AnnotationRecord>
        {
            // A light head's label, accepted.
            new(run.RunId, "a/b", run.Dataset, new Annotation(Topic, "sports", null, 0.9731, AnnotatorOf(LightModel), LatencyMs: 1.25), Route.AcceptLight, true, at),

            // A foundation answer: an exact share of a batched call's cost (28 significant digits), tokens, latency, why, low trust.
            new(run.RunId, "a|b", run.Dataset, new Annotation(
                Topic, "politics", null, 0.62, AnnotatorOf(FoundationModel), 0.0000333333333333333333333333m, 812, 17, 412.5,
                "light confidence 0.41 < 0.80", LowTrust: true), Route.Foundation, true, at.AddMinutes(1)),

            // A score task's answer: no label, a score.
            new(run.RunId, "q?x#y", run.Dataset, new Annotation("quality/score", null, 0.73, 0.88, new Annotator(FoundationModel, "gpt-4o-mini")), Route.Foundation, true, at.ToOffset(TimeSpan.FromHours(-5))),

            // A failed attempt, paid for: no label, the reason, routed on to a human.
            new(run.RunId, "ü €", run.Dataset, new Annotation(
                Topic, null, null, 0, AnnotatorOf(FoundationModel), 1.50m, 640, Reason: "no usable answer after one retry", Failed: true), Route.Human, false, at),

            // A reviewer (an id with separators) and the rule that ran first, on an item whose id is too long for a plain document id.
            new(run.RunId, longId, run.Dataset, new Annotation(Topic, "science", null, 1, new Annotator(Human, "reviewer|bob/1")), Route.Human, true, at),
            new(run.RunId, longId, run.Dataset, new Annotation(Topic, "science", null, 0.7, AnnotatorOf(Rule)), Route.Human, false, at.AddTicks(1)),
        };

        await Store.UpsertAnnotationsAsync(records);

        var listed = await ListAnnotationsAsync(Store, run.RunId);
        Assert.Equal(InRunOrder(records), listed);
        Assert.Equal(InRunOrder(records).Select(a => a.CreatedAt.Offset), listed.Select(a => a.CreatedAt.Offset));
        Assert.Equal("0.0000333333333333333333333333", listed.Single(a => a.ItemId == "a|b").Annotation.Cost.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Annotations_written_twice_stay_one_record_each_with_the_latest_version()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var first = Enumerable.Range(0, 30)
            .SelectMany(i => new[] { Annotated(run.RunId, run.Dataset, i, LightModel), Annotated(run.RunId, run.Dataset, i, FoundationModel, label: "politics") })
            .ToList();
        await Store.UpsertAnnotationsAsync(first);
        await Store.UpsertAnnotationsAsync(first); // a retried commit

        // A reviewer overrules the foundation model on every fifth item: the reviewer's record is new, the model's is
        // rewritten as no longer final. A record given twice in one call keeps its last version.
        var overruled = first.Where(a => KindOf(a) == FoundationModel && OrdinalOf(a) % 5 == 0).Select(a => a with { Final = false }).ToList();
        var reviews = overruled.Select(a => Annotated(run.RunId, run.Dataset, OrdinalOf(a), Human, label: "science")).ToList();
        var stale = reviews.Select(a => a with { Annotation = a.Annotation with { Label = "stale" } });
        await Store.UpsertAnnotationsAsync([.. stale, .. overruled, .. reviews]);

        var expected = first.Select(a => overruled.FirstOrDefault(o => o.ItemId == a.ItemId && KindOf(o) == KindOf(a)) ?? a).Concat(reviews);
        Assert.Equal(6, reviews.Count);
        Assert.Equal(InRunOrder(expected), await ListAnnotationsAsync(Store, run.RunId));
    }

    [Fact]
    public async Task A_run_lists_its_annotations_by_item_task_and_tier_cheapest_first_and_one_task_alone_on_request()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var unregistered = Unique("run"); // no run document: a store must list its annotations from the annotations alone
        var expected = new Dictionary<string, List<AnnotationRecord>>();
        foreach (var runId in new[] { run.RunId, unregistered })
        {
            expected[runId] = Enumerable.Range(0, 40).SelectMany(i => RunAnnotations(runId, run.Dataset, i)).ToList();
        }

        var otherRun = Enumerable.Range(0, 10).SelectMany(i => RunAnnotations(Unique("run"), run.Dataset, i));
        await Store.UpsertAnnotationsAsync(Shuffled(expected.Values.SelectMany(a => a).Concat(otherRun), seed: 3));

        foreach (var (runId, records) in expected)
        {
            var listed = await ListAnnotationsAsync(Store, runId);
            Assert.Equal(InRunOrder(records), listed);
            Assert.Equal(InRunOrder(records.Where(a => a.Task == Topic)), await ListAnnotationsAsync(Store, runId, Topic));
            Assert.Equal(
                new[] { (Rule, "keyword-rules"), (LightModel, "minilm-topic-head"), (FoundationModel, "claude-haiku"), (FoundationModel, "gpt-4o-mini"), (Human, "alice") },
                listed.Where(a => a.ItemId == ItemId(0) && a.Task == Topic).Select(a => (KindOf(a), a.Annotation.By.Id)));
        }

        Assert.Empty(await ListAnnotationsAsync(Store, run.RunId, "absent-task"));
        Assert.Empty(await ListAnnotationsAsync(Store, Unique("run")));

        // Every tier on some items, two foundation models on some, a second task on all: kind order is not alphabetical.
        static IEnumerable<AnnotationRecord> RunAnnotations(string runId, string dataset, int i)
        {
            yield return Annotated(runId, dataset, i, Rule);
            yield return Annotated(runId, dataset, i, LightModel);
            yield return Annotated(runId, dataset, i, LightModel, Toxicity, "safe");
            if (i % 2 == 0)
            {
                yield return Annotated(runId, dataset, i, FoundationModel);
            }

            if (i % 4 == 0)
            {
                yield return Annotated(runId, dataset, i, FoundationModel, by: new Annotator(FoundationModel, "claude-haiku", "3.5"));
            }

            if (i % 5 == 0)
            {
                yield return Annotated(runId, dataset, i, Human);
            }
        }
    }

    [Fact]
    public async Task A_task_of_over_two_thousand_annotations_lists_page_by_page_in_order_per_run_and_as_labels()
    {
        var dataset = Unique("ds");
        var runs = new[] { await Store.CreateRunAsync(Run(Unique("run"), dataset)), await Store.CreateRunAsync(Run(Unique("run"), dataset)) };
        var records = runs.SelectMany(run => Enumerable.Range(0, 600).SelectMany(i => Cascade(run.RunId, dataset, i))).ToList();

        // Committed as batches in a scrambled order, two at a time, as concurrent batch activities would.
        await Parallel.ForEachAsync(Shuffled(records.Chunk(250), seed: 17), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, token) => await Store.UpsertAnnotationsAsync(batch, token));

        Assert.Equal(2_160, records.Count);
        foreach (var run in runs)
        {
            Assert.Equal(InRunOrder(records.Where(a => a.RunId == run.RunId)), await ListAnnotationsAsync(Store, run.RunId));
        }

        var labels = await ListLabelsAsync(Store, dataset, Topic, FoundationModel, Human);
        Assert.Equal(InLabelOrder(records.Where(a => KindOf(a) is FoundationModel or Human)), labels);

        // A light label on every item; a foundation answer on every second, a review as well on every fifth.
        static IEnumerable<AnnotationRecord> Cascade(string runId, string dataset, int i)
        {
            yield return Annotated(runId, dataset, i, LightModel);
            if (i % 2 == 0 || i % 5 == 0)
            {
                yield return Annotated(runId, dataset, i, FoundationModel);
            }

            if (i % 5 == 0)
            {
                yield return Annotated(runId, dataset, i, Human);
            }
        }
    }

    [Fact]
    public async Task Training_labels_are_the_answers_of_the_asked_tiers_across_the_dataset_s_runs_and_nothing_else()
    {
        var dataset = Unique("ds");
        var run = await Store.CreateRunAsync(Run(Unique("run"), dataset));
        var runs = new[] { run.RunId, Unique("run") }; // the second has no run document: labels span runs by dataset alone
        var records = runs.SelectMany(runId => Enumerable.Range(0, 12).SelectMany(i => LabelCandidates(runId, dataset, i))).ToList();
        var otherDataset = Enumerable.Range(0, 12).SelectMany(i => LabelCandidates(Unique("run"), Unique("ds"), i));
        await Store.UpsertAnnotationsAsync(Shuffled(records.Concat(otherDataset), seed: 5));

        static bool Answered(AnnotationRecord a) => !a.Annotation.Failed && (a.Annotation.Label is not null || a.Annotation.Score is not null);
        List<AnnotationRecord> Expected(string task, params AnnotatorKind[] kinds) =>
            InLabelOrder(records.Where(a => a.Task == task && kinds.Contains(KindOf(a)) && Answered(a)));

        var distillation = await ListLabelsAsync(Store, dataset, Topic, FoundationModel, Human);
        Assert.Equal(Expected(Topic, FoundationModel, Human), distillation);
        Assert.Equal(24, distillation.Count); // per run: 9 foundation answers (3 of 12 failed) and 3 reviews (1 of 4 skipped)
        Assert.Equal(Expected(Topic, Human), await ListLabelsAsync(Store, dataset, Topic, Human, Human));
        Assert.Equal(Expected("quality", FoundationModel), await ListLabelsAsync(Store, dataset, "quality", FoundationModel));
        Assert.All(await ListLabelsAsync(Store, dataset, "quality", FoundationModel), a => Assert.NotNull(a.Annotation.Score));
        Assert.Empty(await ListLabelsAsync(Store, dataset, Topic));
        Assert.Empty(await ListLabelsAsync(Store, Unique("ds"), Topic, FoundationModel, Human));

        // Every tier on each item; failed, skipped and score answers; a second task.
        static IEnumerable<AnnotationRecord> LabelCandidates(string runId, string dataset, int i)
        {
            yield return Annotated(runId, dataset, i, Rule);
            yield return Annotated(runId, dataset, i, LightModel);
            var foundation = Annotated(runId, dataset, i, FoundationModel, label: "politics");
            yield return i % 4 == 1 ? Failed(foundation) : foundation;
            if (i % 3 == 0)
            {
                yield return Annotated(runId, dataset, i, Human, label: i == 6 ? null : "science"); // item 6 skipped by the reviewer
            }

            yield return Annotated(runId, dataset, i, FoundationModel, Toxicity, "safe");
            var score = Annotated(runId, dataset, i, FoundationModel, "quality", label: null);
            yield return i % 5 == 2 ? Failed(score) : score with { Annotation = score.Annotation with { Score = i / 12.0 } };
        }
    }

    [Fact]
    public async Task An_annotation_sample_is_the_answers_of_the_asked_tiers_that_follow_the_start_by_sample_key_wrapping_round()
    {
        var (dataset, answers) = await SeedAnnotationSampleAsync();
        var byKey = answers.OrderBy(a => a.SampleKey).ToList();

        foreach (var start in new[] { 0.0, 0.25, 0.5, 0.9993, new Random(5).NextDouble() })
        {
            var sample = await Store.SampleAnnotationsAsync(dataset, Topic, [FoundationModel, Human], 100, start);

            var expected = byKey.Where(a => a.SampleKey >= start).Concat(byKey.Where(a => a.SampleKey < start)).Take(100).ToList();
            Assert.Equal(expected, sample);
        }

        var wrapped = await Store.SampleAnnotationsAsync(dataset, Topic, [FoundationModel, Human], 10, byKey[^3].SampleKey);
        Assert.Equal(byKey[^3..].Concat(byKey[..7]), wrapped);

        var reviews = byKey.Where(a => KindOf(a) == Human).ToList();
        var reviewSample = await Store.SampleAnnotationsAsync(dataset, Topic, [Human], 20, 0.5);
        Assert.Equal(reviews.Where(a => a.SampleKey >= 0.5).Concat(reviews.Where(a => a.SampleKey < 0.5)).Take(20), reviewSample);

        var everything = await Store.SampleAnnotationsAsync(dataset, Topic, [FoundationModel, Human], 5_000, 0.5);
        Assert.Equal(answers.Count, everything.Count);
        Assert.Equal(answers.ToHashSet(), everything.ToHashSet());

        Assert.Empty(await Store.SampleAnnotationsAsync(dataset, Topic, [FoundationModel, Human], 0, 0.5));
        Assert.Empty(await Store.SampleAnnotationsAsync(dataset, Topic, [], 10, 0.5));
        Assert.Empty(await Store.SampleAnnotationsAsync(Unique("ds"), Topic, [FoundationModel, Human], 10, 0.5));
    }

    [Fact]
    public async Task Annotation_samples_from_random_starts_cover_the_task_without_favouring_a_run_a_tier_or_a_part_of_it()
    {
        var (dataset, answers) = await SeedAnnotationSampleAsync();
        var random = new Random(20250302);
        var drawn = new List<AnnotationRecord>();
        for (var draw = 0; draw < 40; draw++)
        {
            drawn.AddRange(await Store.SampleAnnotationsAsync(dataset, Topic, [FoundationModel, Human], 25, random.NextDouble()));
        }

        Assert.Equal(1_000, drawn.Count);
        Assert.Subset(answers.ToHashSet(), drawn.ToHashSet());

        // As for items: fixed seeds and ids make these numbers the same on every run; the bounds are ones a uniform draw
        // meets by far. Each run holds half the answers, reviewers a quarter, each tenth of the items a tenth.
        Assert.InRange(drawn.Count(a => a.RunId == answers[0].RunId), 400, 600);
        Assert.InRange(drawn.Count(a => KindOf(a) == Human), 175, 325);
        var tenths = drawn.GroupBy(a => OrdinalOf(a) * 10 / 1_000).ToDictionary(g => g.Key, g => g.Count());
        var chiSquare = Enumerable.Range(0, 10).Sum(t => Math.Pow(tenths.GetValueOrDefault(t) - 100.0, 2) / 100.0);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare:F1} over 10 item buckets (9 df; 27.9 is p = 0.001)");
        Assert.True(drawn.Distinct().Count() > 600, "draws from 40 random starts should mostly differ");
    }

    [Fact]
    public async Task An_annotation_over_2_MB_as_json_is_refused_before_anything_is_written()
    {
        var run = await Store.CreateRunAsync(Run(Unique("run"), Unique("ds")));
        var records = Enumerable.Range(0, 40).Select(i => Annotated(run.RunId, run.Dataset, i, FoundationModel)).ToList();
        AnnotationRecord WithReason(int i, string reason) => records[i] with { Annotation = records[i].Annotation with { Reason = reason } };

        records[17] = WithReason(17, new string('x', 3 * 1024 * 1024));
        var oversized = await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAnnotationsAsync(records));
        Assert.Contains("2 MB", oversized.Message);
        Assert.Contains(ItemId(17), oversized.Message);

        records[17] = WithReason(17, new string('€', 800_000)); // 800,000 characters, but 2.4 MB of UTF-8
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAnnotationsAsync(records));
        Assert.Empty(await ListAnnotationsAsync(Store, run.RunId));

        // Just under the limit is fine, and comes back whole.
        records[17] = WithReason(17, new string('y', 1024 * 1024) + "€");
        await Store.UpsertAnnotationsAsync(records);
        Assert.Equal(InRunOrder(records), await ListAnnotationsAsync(Store, run.RunId));
    }

    /// <summary>
    /// 2,000 answers of the topic task over two runs of one dataset (a quarter by a reviewer, the rest by a foundation
    /// model), and what a sample must never return: light labels, failed attempts, another task, another dataset.
    /// </summary>
    async Task<(string Dataset, List<AnnotationRecord> Answers)> SeedAnnotationSampleAsync()
    {
        var dataset = Unique("ds");
        var runs = new[] { Unique("run"), Unique("run") };
        var answers = runs.SelectMany(run => Enumerable.Range(0, 1_000).Select(i => Annotated(run, dataset, i, i % 4 == 0 ? Human : FoundationModel))).ToList();
        var noise = runs.SelectMany(run => Enumerable.Range(0, 150).Select(i => Annotated(run, dataset, i, LightModel))
                .Concat(Enumerable.Range(0, 100).Select(i => Failed(Annotated(run, dataset, i, FoundationModel, by: new Annotator(FoundationModel, "claude-haiku")))))
                .Concat(Enumerable.Range(0, 50).Select(i => Annotated(run, dataset, i, FoundationModel, Toxicity, "safe"))))
            .Concat(Enumerable.Range(0, 100).Select(i => Annotated(Unique("run"), Unique("ds"), i, FoundationModel)))
            .ToList();
        await Task.WhenAll(answers.Concat(noise).Chunk(600).Select(chunk => Store.UpsertAnnotationsAsync(chunk)));
        return (dataset, answers);
    }
}

using DataEngine.Core.Filters;

namespace DataEngine.Core.Tests.Filters;

/// <summary>The hashed, pruned n-gram passes against a plain string implementation of the same definitions.</summary>
public class GopherRepetitionReferenceTests
{
    private static readonly int[] TopSizes = [1, 2, 3, 4, 5];
    private static readonly int[] DupSizes = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    private static readonly string[] Vocabulary = ["a", "to", "the", "cat", "sat", "on", "mat", "with", "hat", "and", "river", "over"];

    [Fact]
    public void Every_measure_matches_a_string_implementation_on_random_texts()
    {
        var random = new Random(7);
        var checkedRules = 0;
        for (var round = 0; round < 300; round++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(3, 120)).Select(_ => Vocabulary[random.Next(random.Next(2, Vocabulary.Length + 1))]));
            var words = Words(text);
            var top = TopSizes.ToDictionary(n => n, n => ReferenceTop(words, n) / (double)text.Length);
            var dup = DupSizes.ToDictionary(n => n, n => ReferenceDup(words, n) / (double)text.Length);
            if (top.Values.Any(v => v > 1))
            {
                continue;
            }

            // Every rule's threshold is its own reference value, so all pass but the one set just below it.
            foreach (var (kind, n) in TopSizes.Select(n => ("top_n_grams", n)).Concat(DupSizes.Select(n => ("dup_n_grams", n))))
            {
                var expected = kind == "top_n_grams" ? top[n] : dup[n];
                if (expected == 0)
                {
                    continue;
                }

                var filter = new GopherRepetitionFilter(new GopherRepetitionOptions
                {
                    DupLineFrac = null,
                    DupParaFrac = null,
                    DupLineCharFrac = null,
                    DupParaCharFrac = null,
                    TopNGrams = top.ToDictionary(p => p.Key, p => kind == "top_n_grams" && p.Key == n ? p.Value - 1e-9 : p.Value),
                    DupNGrams = dup.ToDictionary(p => p.Key, p => kind == "dup_n_grams" && p.Key == n ? p.Value - 1e-9 : p.Value),
                });

                var verdict = filter.Apply(new TextDocument(text));

                Assert.Equal($"gopher_repetition.{kind}.{n}", verdict.Rule);
                Assert.Equal(expected, verdict.Value, 12);
                checkedRules++;
            }

            Assert.True(new GopherRepetitionFilter(new GopherRepetitionOptions { TopNGrams = top, DupNGrams = dup }).Apply(new TextDocument(text)).Keep);
        }

        Assert.True(checkedRules > 1000, $"only {checkedRules} rules checked");
    }

    private static string[] Words(string text)
    {
        var analysis = TextAnalysis.Compute(text);
        return [.. analysis.Words.ToArray().Select(w => text.Substring(w.Start, w.Length))];
    }

    /// <summary>Count of the most frequent n-gram times its length joined by spaces; ties to the longer; 0 unless it repeats.</summary>
    private static long ReferenceTop(string[] words, int n)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i + n <= words.Length; i++)
        {
            var gram = string.Join(" ", words, i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        if (counts.Count == 0)
        {
            return 0;
        }

        var best = counts.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key.Length).First();
        return best.Value > 1 ? (long)best.Value * best.Key.Length : 0;
    }

    /// <summary>Characters of words covered by second or later occurrences of n-grams, each word once.</summary>
    private static long ReferenceDup(string[] words, int n)
    {
        var seen = new HashSet<string>();
        var covered = new bool[words.Length];
        for (var i = 0; i + n <= words.Length; i++)
        {
            if (!seen.Add(string.Join(" ", words, i, n)))
            {
                for (var k = i; k < i + n; k++)
                {
                    covered[k] = true;
                }
            }
        }

        return words.Where((_, k) => covered[k]).Sum(w => (long)w.Length);
    }
}

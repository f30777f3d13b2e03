namespace DataEngine.Models.Foundation;

/// <summary>
/// Splits a request's token count across its items in proportion to weights, in whole tokens that add up to the total
/// (largest-remainder apportionment), so the items' tokens and costs add up to what the endpoint billed.
/// </summary>
internal static class TokenShares
{
    public static int[] Split(int total, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var shares = new int[weights.Count];
        if (weights.Count == 0 || total == 0)
        {
            return shares;
        }

        var sum = 0L;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight);
            sum += weight;
        }

        if (sum == 0)
        {
            return Split(total, [.. Enumerable.Repeat(1L, weights.Count)]);
        }

        var remainders = new (long Remainder, int Index)[weights.Count];
        var given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            shares[i] = (int)(exact / sum);
            remainders[i] = ((long)(exact % sum), i);
            given += shares[i];
        }

        // The tokens left over go one each to the largest remainders; ties to the earlier item, so the split is deterministic.
        Array.Sort(remainders, static (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; k < total - given; k++)
        {
            shares[remainders[k].Index]++;
        }

        return shares;
    }
}

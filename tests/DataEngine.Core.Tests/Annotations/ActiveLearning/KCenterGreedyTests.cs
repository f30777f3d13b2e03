using DataEngine.Core.Annotations.ActiveLearning;

namespace DataEngine.Core.Tests.Annotations.ActiveLearning;

public sealed class KCenterGreedyTests
{
    static ReadOnlyMemory<float> V(float x, float y) => new[] { x, y };

    /// <summary>Directions on the unit circle at the given angles in degrees: cosine distance is 1 − cos(Δangle).</summary>
    static ReadOnlyMemory<float>[] Angles(params double[] degrees) =>
        [.. degrees.Select(d => V((float)Math.Cos(d * Math.PI / 180), (float)Math.Sin(d * Math.PI / 180)))];

    [Fact]
    public void Picks_spread_out_points_before_near_duplicates()
    {
        // Three tight clusters of directions around 0°, 90° and 180°; the labelled set covers 0°.
        var points = Angles(1, 2, 3, 88, 89, 90, 91, 178, 179, 180);
        var ids = points.Select((_, i) => $"p{i}").ToList();

        var picks = KCenterGreedy.Select(points, ids, [V(1, 0)], 2, seed: 1);

        // First the farthest from 0° (180°), then the 90° cluster: one pick per cluster, none from the covered one.
        Assert.Equal("p9", ids[picks[0].Index]);
        Assert.Equal(2, picks[0].Distance, 4);
        Assert.InRange(picks[1].Index, 3, 6);
        Assert.Equal(1, picks[1].Distance, 1);
    }

    [Fact]
    public void With_nothing_labelled_the_first_pick_is_seeded_and_independent_of_input_order()
    {
        var points = Angles(0, 45, 90, 135, 180, 225);
        var ids = points.Select((_, i) => $"p{i}").ToList();
        var reversedPoints = points.Reverse().ToList();
        var reversedIds = ids.AsEnumerable().Reverse().ToList();

        var a = KCenterGreedy.Select(points, ids, [], 3, seed: 5).Select(p => ids[p.Index]).ToList();
        var b = KCenterGreedy.Select(reversedPoints, reversedIds, [], 3, seed: 5).Select(p => reversedIds[p.Index]).ToList();

        Assert.Equal(a, b);
        Assert.Equal(3, a.Distinct().Count());
    }

    [Fact]
    public void Cosine_distance_ignores_length()
    {
        Assert.Equal(0, KCenterGreedy.CosineDistance([1, 1], [3, 3]), 6);
        Assert.Equal(1, KCenterGreedy.CosineDistance([1, 0], [0, 2]), 6);
        Assert.Equal(2, KCenterGreedy.CosineDistance([1, 0], [-1, 0]), 6);
    }
}

using DataEngine.Core.Annotations;
using DataEngine.Core.Annotations.ActiveLearning;

namespace DataEngine.Core.Tests.Annotations.ActiveLearning;

public sealed class UncertaintyTests
{
    static LabelPrediction P(params float[] p) => new([.. p.Select((_, i) => $"l{i}")], p);

    [Fact]
    public void The_three_measures_match_hand_computed_values()
    {
        var p = P(0.5f, 0.3f, 0.2f);

        Assert.Equal(0.5, Uncertainty.LeastConfidence(p), 6);
        Assert.Equal(0.2, Uncertainty.Margin(p), 6);
        // −(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) = 1.029653
        Assert.Equal(1.029653, Uncertainty.Entropy(p), 5);
    }

    [Fact]
    public void With_three_labels_margin_and_entropy_rank_differently_where_least_confidence_ties()
    {
        // Same top probability (least confidence ties), but b hesitates between two labels and a spreads over three.
        var a = P(0.5f, 0.25f, 0.25f);
        var b = P(0.5f, 0.49f, 0.01f);

        Assert.Equal(Uncertainty.LeastConfidence(a), Uncertainty.LeastConfidence(b), 6);
        Assert.True(Uncertainty.Score(SelectionStrategy.Margin, b) > Uncertainty.Score(SelectionStrategy.Margin, a));
        Assert.True(Uncertainty.Entropy(a) > Uncertainty.Entropy(b)); // 1.0397 vs 0.7382
    }

    [Fact]
    public void Entropy_of_a_certain_prediction_is_zero_and_of_a_uniform_one_is_ln_k()
    {
        Assert.Equal(0, Uncertainty.Entropy(P(1f, 0f)), 9);
        Assert.Equal(Math.Log(4), Uncertainty.Entropy(P(0.25f, 0.25f, 0.25f, 0.25f)), 6);
    }
}

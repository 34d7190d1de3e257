using Churn.Algorithms;
using Churn.Algorithms.Metrics;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
public sealed class ScoreKeysTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    [InlineData(70000)]
    public void Sort_MixedSignsAndMagnitudes_OrdersLikeDoubleComparison(int n)
    {
        var rng = new SplitMix64(77);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var magnitude = Math.Pow(10, rng.NextInt(40) - 20);
            values[i] = (rng.NextDouble() - 0.5) * magnitude;
            if (i % 97 == 0) values[i] = 0.0;
            if (i % 89 == 0) values[i] = -0.0;
            if (i % 83 == 0) values[i] = double.MaxValue * (i % 2 == 0 ? 1 : -1);
            if (i % 79 == 0) values[i] = double.Epsilon;
        }
        var keys = values.Select(ScoreKeys.ToKey).ToArray();
        ScoreKeys.Sort(keys, keys.Length);
        var expected = values.Select(v => v + 0.0).OrderBy(v => v).ToArray();
        Assert.Equal(expected, keys.Select(ScoreKeys.FromKey));
    }

    [Fact]
    public void ToKey_NegativeZero_EqualsPositiveZero()
    {
        Assert.Equal(ScoreKeys.ToKey(0.0), ScoreKeys.ToKey(-0.0));
        Assert.True(ScoreKeys.ToKey(-double.Epsilon) < ScoreKeys.ToKey(0.0));
        Assert.True(ScoreKeys.ToKey(0.0) < ScoreKeys.ToKey(double.Epsilon));
    }
}

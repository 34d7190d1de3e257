using Churn.Algorithms.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Validation;

[Trait("Kind", "Numeric")]
public sealed class StratifiedSplitTests
{
    [Theory]
    [InlineData(1000, 0.3, 0.25, 1)]
    [InlineData(101, 0.07, 0.2, 2)]
    [InlineData(3333, 0.15, 0.3, 3)]
    [InlineData(10, 0.5, 0.5, 4)]
    public void Split_RandomLabels_SizesAndProportionsMatch(int n, double rate, double fraction, int seed)
    {
        var y = StratifiedKFoldTests.Labels(n, rate, (ulong)seed);
        var split = StratifiedSplit.Split(y, fraction, seed);
        var expectedTest = (int)Math.Ceiling(fraction * n);
        Assert.Equal(expectedTest, split.Test.Length);
        Assert.Equal(Enumerable.Range(0, n), split.Train.Concat(split.Test).Order());
        Assert.Equal(split.Test.Order(), split.Test);
        Assert.Equal(split.Train.Order(), split.Train);
        var positives = y.Sum();
        var testPositives = split.Test.Count(i => y[i] == 1.0);
        var share = positives * expectedTest / n;
        Assert.InRange(testPositives, Math.Floor(share), Math.Ceiling(share));
    }

    [Fact]
    public void Split_SameSeed_IsIdentical_DifferentSeed_Differs()
    {
        var y = StratifiedKFoldTests.Labels(500, 0.2, 5);
        Assert.Equal(StratifiedSplit.Split(y, 0.3, 1).Test, StratifiedSplit.Split(y, 0.3, 1).Test);
        Assert.NotEqual(StratifiedSplit.Split(y, 0.3, 1).Test, StratifiedSplit.Split(y, 0.3, 2).Test);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.999)]
    public void Split_FractionLeavingAnEmptyPart_Throws(double fraction)
    {
        var y = StratifiedKFoldTests.Labels(20, 0.5, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(y, fraction, 0));
    }
}

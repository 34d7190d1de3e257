using Churn.Algorithms.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
public sealed class RocCurveTests
{
    [Theory]
    [InlineData(400, 21UL, -1)]
    [InlineData(2000, 22UL, 1)]
    [InlineData(9000, 23UL, 2)]
    public void Compute_RandomScores_MonotoneFromOriginToOneOne(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        var curve = RocCurve.Compute(y, s);
        Assert.Equal(0.0, curve.FalsePositiveRates[0]);
        Assert.Equal(0.0, curve.TruePositiveRates[0]);
        Assert.Equal(1.0, curve.FalsePositiveRates[^1]);
        Assert.Equal(1.0, curve.TruePositiveRates[^1]);
        Assert.Equal(double.PositiveInfinity, curve.Thresholds[0]);
        for (var k = 1; k < curve.Thresholds.Count; k++)
        {
            Assert.True(curve.FalsePositiveRates[k] >= curve.FalsePositiveRates[k - 1]);
            Assert.True(curve.TruePositiveRates[k] >= curve.TruePositiveRates[k - 1]);
            Assert.True(curve.Thresholds[k] < curve.Thresholds[k - 1]);
            // Each point is a distinct score: it must move the curve.
            Assert.True(curve.FalsePositiveRates[k] > curve.FalsePositiveRates[k - 1]
                || curve.TruePositiveRates[k] > curve.TruePositiveRates[k - 1]);
        }
        Assert.Equal(s.Distinct().Count() + 1, curve.Thresholds.Count);
    }

    [Fact]
    public void Compute_HandExample_HasTiesCollapsed()
    {
        // Scores 0.9(1) 0.8(0) 0.8(1) 0.3(0): the tie at 0.8 is one point.
        var curve = RocCurve.Compute(Vec(1, 0, 1, 0), Vec(0.9, 0.8, 0.8, 0.3));
        Assert.Equal(new[] { 0.0, 0.0, 0.5, 1.0 }, curve.FalsePositiveRates);
        Assert.Equal(new[] { 0.0, 0.5, 1.0, 1.0 }, curve.TruePositiveRates);
        Assert.Equal(new[] { double.PositiveInfinity, 0.9, 0.8, 0.3 }, curve.Thresholds);
        Assert.Equal(0.875, curve.Area());
    }

    [Fact]
    public void Compute_DropIntermediate_KeepsArea()
    {
        var (y, s) = RankingData.Create(3000, 24UL, decimals: 3);
        var full = RocCurve.Compute(y, s);
        var dropped = RocCurve.Compute(y, s, dropIntermediate: true);
        Assert.True(dropped.Thresholds.Count < full.Thresholds.Count);
        Assert.Equal(full.Area(), dropped.Area(), 1e-12);
    }

    [Fact]
    public void Compute_SingleClass_Throws()
    {
        Assert.Throws<ArgumentException>(() => RocCurve.Compute(Vec(1, 1), Vec(0.2, 0.4)));
    }

    private static Vector<double> Vec(params double[] values) => Vector<double>.Build.DenseOfArray(values);
}

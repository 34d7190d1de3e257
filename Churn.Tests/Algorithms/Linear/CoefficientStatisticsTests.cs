using Churn.Algorithms.Linear;

namespace Churn.Tests.Algorithms.Linear;

[Trait("Kind", "Numeric")]
public sealed class CoefficientStatisticsTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(-1.959963984540054, 0.05)]
    [InlineData(2.5758293035489004, 0.01)]
    [InlineData(3.2905267314919255, 0.001)]
    public void TwoSidedPValue_KnownQuantiles_MatchLevels(double z, double expected) =>
        Assert.Equal(expected, CoefficientStatistics.TwoSidedPValue(z), 1e-13);

    [Fact]
    public void TwoSidedPValue_FarTail_PositiveAndAccurate()
    {
        // 2 * scipy.stats.norm.sf(10) = 1.5239706048320995e-23
        var p = CoefficientStatistics.TwoSidedPValue(10);
        Assert.Equal(1.5239706048320995e-23, p, 1e-34);
    }

    [Fact]
    public void TryCompute_DiagonalHessian_StandardErrorsAreInverseSqrt()
    {
        var theta = new[] { 1.0, -2.0, 0.5 };
        var hessian = new[] { 4.0, 0, 0, 0, 16.0, 0, 0, 0, 25.0 };
        var stats = CoefficientStatistics.TryCompute(theta, hessian, 2, fitIntercept: true, out var problem);
        Assert.Null(problem);
        Assert.NotNull(stats);
        Assert.Equal(new[] { -1, 0, 1 }, stats.Terms.Select(t => t.FeatureIndex));
        Assert.Equal(0.2, stats.Terms[0].StandardError, 1e-15);
        Assert.Equal(0.5, stats.Terms[1].StandardError, 1e-15);
        Assert.Equal(2.0, stats.Terms[1].Z, 1e-14);
        Assert.Equal(-8.0, stats.Terms[2].Z, 1e-14);
        Assert.Equal(1.0 - CoefficientStatistics.Z975 * 0.5, stats.Terms[1].Lower95, 1e-15);
        Assert.Equal(1.0, stats.ConditionNumber, 1e-12);
    }

    [Fact]
    public void TryCompute_SingularHessian_NullWithReason()
    {
        var hessian = new[] { 1.0, 1.0, 1.0, 1.0 };
        var stats = CoefficientStatistics.TryCompute(new[] { 0.1, 0.2 }, hessian, 2, fitIntercept: false, out var problem);
        Assert.Null(stats);
        Assert.Contains("singular or ill-conditioned", problem, StringComparison.Ordinal);
    }
}

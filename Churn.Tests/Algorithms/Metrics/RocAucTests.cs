using Churn.Algorithms.Metrics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
public sealed class RocAucTests
{
    public static TheoryData<int, ulong, int> RandomSets => new()
    {
        { 10, 1UL, -1 }, { 200, 2UL, -1 }, { 1500, 3UL, -1 }, { 300, 4UL, 1 }, { 2000, 5UL, 1 }, { 500, 6UL, 0 },
        // Above the radix-sort cut-over (4096 per class) so the O(n) path is checked too.
        { 12000, 7UL, 2 }, { 12000, 8UL, -1 },
    };

    [Theory]
    [MemberData(nameof(RandomSets))]
    public void Compute_RandomScores_EqualsPairCountingOracle(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        Assert.Equal(RankingData.PairCountingAuc(y, s), RocAuc.Compute(y, s), 1e-12);
    }

    [Theory]
    [MemberData(nameof(RandomSets))]
    public void Compute_RandomScores_EqualsMannWhitneyRankSum(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        var ranks = Statistics.Ranks(s, RankDefinition.Average);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < n; i++)
            if (y[i] == 1.0) { positives++; rankSum += ranks[i]; }
        var negatives = n - positives;
        var expected = (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
        Assert.Equal(expected, RocAuc.Compute(y, s), 1e-12);
    }

    [Theory]
    [MemberData(nameof(RandomSets))]
    public void Compute_NegatedScores_GivesOneMinusAuc(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        Assert.Equal(1.0 - RocAuc.Compute(y, s), RocAuc.Compute(y, -s), 1e-12);
    }

    [Theory]
    [MemberData(nameof(RandomSets))]
    public void Compute_MonotoneTransforms_LeaveAucUnchanged(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        var auc = RocAuc.Compute(y, s);
        // Integer-valued scale and shift keep ties tied exactly in floating point for rounded data.
        Assert.Equal(auc, RocAuc.Compute(y, s.Map(v => Math.Exp(v))));
        Assert.Equal(auc, RocAuc.Compute(y, s.Map(v => 4.0 * v + 8.0)));
    }

    [Theory]
    [MemberData(nameof(RandomSets))]
    public void Compute_PermutedRows_LeavesAucUnchanged(int n, ulong seed, int decimals)
    {
        var (y, s) = RankingData.Create(n, seed, decimals: decimals);
        var order = Enumerable.Range(0, n).ToArray();
        new Churn.Algorithms.SplitMix64(seed + 100).Shuffle(order);
        var yp = Vector<double>.Build.Dense(n, i => y[order[i]]);
        var sp = Vector<double>.Build.Dense(n, i => s[order[i]]);
        Assert.Equal(RocAuc.Compute(y, s), RocAuc.Compute(yp, sp));
    }

    [Fact]
    public void Compute_TwoTiedScores_IsOneHalf()
    {
        Assert.Equal(0.5, RocAuc.Compute(Vec(0, 1), Vec(0.5, 0.5)));
    }

    [Fact]
    public void Compute_PerfectAndReversedRanking_IsOneAndZero()
    {
        Assert.Equal(1.0, RocAuc.Compute(Vec(0, 0, 1, 1), Vec(-3, 0, 2, 7)));
        Assert.Equal(0.0, RocAuc.Compute(Vec(0, 0, 1, 1), Vec(3, 2, 1, 0)));
    }

    [Fact]
    public void Compute_NegativeAndPositiveZero_AreTied()
    {
        Assert.Equal(0.5, RocAuc.Compute(Vec(0, 1), Vec(-0.0, 0.0)));
    }

    [Fact]
    public void Compute_EqualsCurveArea()
    {
        var (y, s) = RankingData.Create(3000, 11UL, decimals: 2);
        Assert.Equal(RocCurve.Compute(y, s).Area(), RocAuc.Compute(y, s), 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Compute_SingleClass_ThrowsNamingTheProblem(double label)
    {
        var ex = Assert.Throws<ArgumentException>(() => RocAuc.Compute(Vec(label, label, label), Vec(0.1, 0.2, 0.3)));
        Assert.Contains("only one class", ex.Message);
        Assert.Equal("yTrue", ex.ParamName);
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => RocAuc.Compute(Vec(0, 1, 1), Vec(0.1, 0.2)));
        Assert.Contains("same length", ex.Message);
    }

    [Fact]
    public void Compute_NaNScore_ThrowsWithIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => RocAuc.Compute(Vec(0, 1, 1), Vec(0.1, double.NaN, 0.3)));
        Assert.Contains("scores[1] is NaN", ex.Message);
    }

    [Fact]
    public void Compute_LabelOutsideZeroOne_ThrowsWithIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => RocAuc.Compute(Vec(0, 1, 2), Vec(0.1, 0.2, 0.3)));
        Assert.Contains("yTrue[2] is 2", ex.Message);
    }

    [Fact]
    public void Compute_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => RocAuc.Compute(Vec(), Vec()));
    }

    private static Vector<double> Vec(params double[] values) => Vector<double>.Build.DenseOfArray(values);
}

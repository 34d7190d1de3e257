using Churn.Algorithms.Metrics;
using MathNet.Numerics.LinearAlgebra;

namespace Churn.Tests.Algorithms.Metrics;

[Trait("Kind", "Numeric")]
public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Compute_ProbabilityEqualToThreshold_CountsAsPositive()
    {
        var m = ConfusionMatrix.Compute(V(1, 0, 1, 0, 1), V(0.5, 0.5, 0.2, 0.1, 0.9));
        Assert.Equal(new ConfusionMatrix(2, 1, 1, 1), m);
        Assert.Equal(3.0 / 5.0, m.Accuracy);
        Assert.Equal(2.0 / 3.0, m.Precision);
        Assert.Equal(2.0 / 3.0, m.Recall);
        Assert.Equal(2.0 / 3.0, m.F1, 1e-15);
    }

    [Fact]
    public void Compute_NoPredictedPositives_PrecisionAndF1AreZero()
    {
        var m = ConfusionMatrix.Compute(V(1, 0), V(0.2, 0.1));
        Assert.Equal(0.0, m.Precision);
        Assert.Equal(0.0, m.Recall);
        Assert.Equal(0.0, m.F1);
        Assert.Equal(0.5, m.Accuracy);
    }

    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);
}

[Trait("Kind", "Numeric")]
public sealed class LogLossAndBrierTests
{
    [Fact]
    public void LogLossCompute_ExactZeroForPositive_IsClippedAtEpsilon()
    {
        Assert.Equal(-Math.Log(1e-15), LogLoss.Compute(V(1), V(0.0)), 1e-12);
        Assert.Equal(-Math.Log(LogLoss.MachineEpsilon), LogLoss.Compute(V(0), V(1.0), LogLoss.MachineEpsilon), 1e-12);
    }

    [Fact]
    public void LogLossCompute_HandValues_AreMeanNegativeLogOfTrueLabelProbability()
    {
        var expected = -(Math.Log(0.8) + Math.Log(1 - 0.3)) / 2;
        Assert.Equal(expected, LogLoss.Compute(V(1, 0), V(0.8, 0.3)), 1e-15);
    }

    [Fact]
    public void BrierCompute_HandValues_IsMeanSquaredError()
    {
        Assert.Equal((0.04 + 0.09) / 2, BrierScore.Compute(V(1, 0), V(0.8, 0.3)), 1e-15);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Compute_ProbabilityOutsideUnitInterval_ThrowsWithIndex(double bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => LogLoss.Compute(V(0, 1), V(0.5, bad)));
        Assert.Contains("p[1]", ex.Message);
        Assert.Throws<ArgumentException>(() => BrierScore.Compute(V(0, 1), V(0.5, bad)));
    }

    [Fact]
    public void LogLossCompute_EpsilonOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogLoss.Compute(V(0, 1), V(0.5, 0.5), 0.0));
    }

    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);
}

[Trait("Kind", "Numeric")]
public sealed class PrecisionRecallTests
{
    [Fact]
    public void Compute_SklearnDocstringExample_GivesDocumentedArrays()
    {
        var curve = PrecisionRecallCurve.Compute(V(0, 0, 1, 1), V(0.1, 0.4, 0.35, 0.8));
        Assert.Equal(new[] { 0.5, 2.0 / 3.0, 0.5, 1.0, 1.0 }, curve.Precisions);
        Assert.Equal(new[] { 1.0, 1.0, 0.5, 0.5, 0.0 }, curve.Recalls);
        Assert.Equal(new[] { 0.1, 0.35, 0.4, 0.8 }, curve.Thresholds);
        // (0.5 - 0) * 1 + (1 - 0.5) * 2/3 = 0.8333...
        Assert.Equal(0.5 + 0.5 * 2.0 / 3.0, AveragePrecision.Compute(V(0, 0, 1, 1), V(0.1, 0.4, 0.35, 0.8)), 1e-15);
    }

    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);
}

[Trait("Kind", "Numeric")]
public sealed class CalibrationTests
{
    [Fact]
    public void Reliability_ValuesOnEdges_GoToLowerBinAndEmptyBinsAreReported()
    {
        var bins = Calibration.Reliability(V(0, 1, 1, 0, 1), V(0.0, 0.5, 0.55, 0.5, 1.0), bins: 4);
        Assert.Equal(new[] { 1, 2, 1, 1 }, bins.Select(b => b.Count));
        Assert.Equal(new[] { 0.0, 0.25, 0.5, 0.75 }, bins.Select(b => b.Lower));
        Assert.Equal(0.5, bins[1].MeanPredicted);
        Assert.Equal(0.5, bins[1].FractionPositive);
        Assert.Equal(0.55, bins[2].MeanPredicted);
        var empty = Calibration.Reliability(V(0, 1), V(0.05, 0.95));
        Assert.Equal(8, empty.Count(b => b.Count == 0 && double.IsNaN(b.FractionPositive)));
    }

    [Fact]
    public void Reliability_ZeroBins_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Reliability(V(0, 1), V(0.1, 0.9), 0));
    }

    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);
}

[Trait("Kind", "Numeric")]
public sealed class GainsTableTests
{
    [Fact]
    public void Compute_RandomScores_GroupsCoverRowsAndGainEndsAtOne()
    {
        var (y, s) = RankingData.Create(1003, 31UL, positiveRate: 0.2, decimals: 1);
        var rows = GainsTable.Compute(y, s);
        Assert.Equal(10, rows.Count);
        Assert.Equal(1003, rows.Sum(r => r.Customers));
        Assert.True(rows.Max(r => r.Customers) - rows.Min(r => r.Customers) <= 1);
        Assert.Equal((int)y.Sum(), rows.Sum(r => r.Positives));
        Assert.Equal(1.0, rows[^1].CumulativePositivesFraction, 1e-15);
        Assert.Equal(1.0, rows[^1].CumulativeCustomersFraction, 1e-15);
        Assert.Equal(1.0, rows[^1].CumulativeLift, 1e-12);
        for (var g = 1; g < rows.Count; g++)
            Assert.True(rows[g].MaxScore <= rows[g - 1].MinScore);
        // Group lifts average to 1 when weighted by group size.
        Assert.Equal(1.0, rows.Sum(r => r.Lift * r.Customers) / 1003, 1e-12);
    }

    [Fact]
    public void Compute_HandExample_GivesLiftAndGain()
    {
        // Sorted by score: 0.9(1) 0.8(1) 0.7(0) 0.6(1) 0.5(0) 0.4(0); 3 groups of 2; overall rate 1/2.
        var rows = GainsTable.Compute(V(0, 1, 0, 1, 0, 1), V(0.4, 0.9, 0.7, 0.8, 0.5, 0.6), groups: 3);
        Assert.Equal(new[] { 2, 1, 0 }, rows.Select(r => r.Positives));
        Assert.Equal(new[] { 2.0, 1.0, 0.0 }, rows.Select(r => r.Lift));
        Assert.Equal(new[] { 2.0 / 3.0, 1.0, 1.0 }, rows.Select(r => r.CumulativePositivesFraction));
        Assert.Equal(new[] { 2.0, 1.5, 1.0 }, rows.Select(r => r.CumulativeLift));
        Assert.Equal(0.8, rows[0].MinScore);
        Assert.Equal(0.9, rows[0].MaxScore);
    }

    [Fact]
    public void Compute_MoreGroupsThanRows_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GainsTable.Compute(V(0, 1), V(0.1, 0.2), groups: 3));
    }

    private static Vector<double> V(params double[] v) => Vector<double>.Build.DenseOfArray(v);
}

[Trait("Kind", "Numeric")]
public sealed class BootstrapAucTests
{
    [Fact]
    public void ConfidenceInterval_SameSeed_IsIdenticalAndBracketsAuc()
    {
        var (y, s) = RankingData.Create(800, 41UL, decimals: 2);
        var a = BootstrapAuc.ConfidenceInterval(y, s, 300, 0.95, seed: 7);
        var b = BootstrapAuc.ConfidenceInterval(y, s, 300, 0.95, seed: 7);
        Assert.Equal(a, b);
        var auc = RocAuc.Compute(y, s);
        Assert.True(a.Lower < auc && auc < a.Upper, $"{a} should bracket {auc}");
        Assert.True(a.Upper - a.Lower < 0.2);
        Assert.NotEqual(a, BootstrapAuc.ConfidenceInterval(y, s, 300, 0.95, seed: 8));
    }

    [Fact]
    public void WeightedAuc_UnitWeights_EqualsRocAuc()
    {
        var (y, s) = RankingData.Create(500, 42UL, decimals: 1);
        var pos = Enumerable.Range(0, 500).Where(i => y[i] == 1).Select(i => ScoreKeys.ToKey(s[i])).Order().ToArray();
        var neg = Enumerable.Range(0, 500).Where(i => y[i] == 0).Select(i => ScoreKeys.ToKey(s[i])).Order().ToArray();
        var weighted = BootstrapAuc.WeightedAuc(pos, Enumerable.Repeat(1, pos.Length).ToArray(), neg, Enumerable.Repeat(1, neg.Length).ToArray());
        Assert.Equal(RocAuc.Compute(y, s), weighted);
    }

    [Fact]
    public void WeightedAuc_IntegerWeights_EqualsAucOfRepeatedRows()
    {
        // Positives 0.3 (x2), 0.6 (x1); negatives 0.3 (x1), 0.5 (x3): 3 x 4 = 12 pairs; ties 2 x 0.5, the 0.6 beats all 4 -> 5/12.
        var pos = new[] { ScoreKeys.ToKey(0.3), ScoreKeys.ToKey(0.6) };
        var neg = new[] { ScoreKeys.ToKey(0.3), ScoreKeys.ToKey(0.5) };
        Assert.Equal(5.0 / 12.0, BootstrapAuc.WeightedAuc(pos, new[] { 2, 1 }, neg, new[] { 1, 3 }), 1e-15);
    }
}

[Trait("Kind", "Numeric")]
public sealed class ClassificationReportTests
{
    // Above the size from which the AUC runs beside the other metrics.
    private const int Rows = 100_000;

    [Fact]
    public void Compute_LargeInput_EachMetricAsComputedAlone()
    {
        var (y, p) = Problem(7);
        var report = ClassificationReport.Compute(y, p, 0.3);
        Assert.Equal(RocAuc.Compute(y, p), report.Auc);
        Assert.Equal(LogLoss.Compute(y, p), report.LogLoss);
        Assert.Equal(BrierScore.Compute(y, p), report.Brier);
        Assert.Equal(ConfusionMatrix.Compute(y, p, 0.3), report.Confusion);
    }

    [Fact]
    public void Compute_LargeInputWithTwoFaults_RaisesTheErrorOfTheMetricComputedFirst()
    {
        // One class only (the AUC refuses it) and a probability above 1 (log-loss refuses it): the AUC's error,
        // as when the metrics ran one after the other.
        var (_, p) = Problem(8);
        var y = Vector<double>.Build.Dense(Rows, 1.0);
        p[5] = 1.5;
        var expected = Assert.ThrowsAny<Exception>(() => RocAuc.Compute(y, p));
        var actual = Assert.ThrowsAny<Exception>(() => ClassificationReport.Compute(y, p));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        // With both classes only log-loss's fault is left, and it is raised.
        var (both, q) = Problem(9);
        q[5] = 1.5;
        var logLoss = Assert.ThrowsAny<Exception>(() => LogLoss.Compute(both, q));
        Assert.Equal(logLoss.Message, Assert.ThrowsAny<Exception>(() => ClassificationReport.Compute(both, q)).Message);
    }

    private static (Vector<double> Y, Vector<double> P) Problem(int seed)
    {
        var random = new Random(seed);
        var y = Vector<double>.Build.Dense(Rows, _ => random.NextDouble() < 0.2 ? 1.0 : 0.0);
        var p = Vector<double>.Build.Dense(Rows, i => Math.Clamp(0.25 * y[i] + 0.75 * random.NextDouble(), 0, 1));
        return (y, p);
    }
}


using Churn.Algorithms.Metrics;

namespace Churn.Tests.Algorithms.Metrics;

/// <summary>Every metric against scikit-learn 1.2.1 on the golden cases (ties, all-tied, integers, imbalance, 0/1).</summary>
[Trait("Kind", "Numeric")]
[Trait("Kind", "Golden")]
public sealed class GoldenMetricsTests
{
    public static IEnumerable<object[]> Cases => MetricsGolden.CaseNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public void RocAucCompute_GoldenCase_MatchesSklearnTo1e12(string name)
    {
        var c = MetricsGolden.Case(name);
        var auc = RocAuc.Compute(c.Vector("y"), c.Vector("scores"));
        Assert.Equal(c.Number("roc_auc"), auc, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RocCurveCompute_GoldenCase_PointsEqualSklearnExactlyExceptFirstThreshold(string name)
    {
        var c = MetricsGolden.Case(name);
        var curve = RocCurve.Compute(c.Vector("y"), c.Vector("scores"));
        Assert.Equal(c.Doubles("roc_fpr"), curve.FalsePositiveRates);
        Assert.Equal(c.Doubles("roc_tpr"), curve.TruePositiveRates);
        var thresholds = c.Doubles("roc_thresholds");
        Assert.Equal(double.PositiveInfinity, curve.Thresholds[0]);
        Assert.Equal(thresholds.Skip(1), curve.Thresholds.Skip(1));
        Assert.Equal(c.Number("roc_auc"), curve.Area(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RocCurveCompute_DropIntermediate_EqualsSklearnDefault(string name)
    {
        var c = MetricsGolden.Case(name);
        var curve = RocCurve.Compute(c.Vector("y"), c.Vector("scores"), dropIntermediate: true);
        Assert.Equal(c.Doubles("roc_dropped_fpr"), curve.FalsePositiveRates);
        Assert.Equal(c.Doubles("roc_dropped_tpr"), curve.TruePositiveRates);
        Assert.Equal(c.Doubles("roc_dropped_thresholds").Skip(1), curve.Thresholds.Skip(1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrecisionRecallCurveCompute_GoldenCase_EqualsSklearnExactly(string name)
    {
        var c = MetricsGolden.Case(name);
        var curve = PrecisionRecallCurve.Compute(c.Vector("y"), c.Vector("scores"));
        Assert.Equal(c.Doubles("pr_precision"), curve.Precisions);
        Assert.Equal(c.Doubles("pr_recall"), curve.Recalls);
        Assert.Equal(c.Doubles("pr_thresholds"), curve.Thresholds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AveragePrecisionCompute_GoldenCase_MatchesSklearnTo1e12(string name)
    {
        var c = MetricsGolden.Case(name);
        Assert.Equal(c.Number("average_precision"), AveragePrecision.Compute(c.Vector("y"), c.Vector("scores")), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLossCompute_GoldenCase_MatchesSklearnForBothEpsilons(string name)
    {
        var c = MetricsGolden.Case(name);
        var y = c.Vector("y");
        var p = c.Vector("p");
        Assert.Equal(c.Number("log_loss_eps_1e15"), LogLoss.Compute(y, p), 1e-12);
        Assert.Equal(c.Number("log_loss_default"), LogLoss.Compute(y, p, LogLoss.MachineEpsilon), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClassificationReportCompute_GoldenCase_MatchesSklearnThresholdMetrics(string name)
    {
        var c = MetricsGolden.Case(name);
        var report = ClassificationReport.Compute(c.Vector("y"), c.Vector("p"));
        var confusion = c.GetProperty("confusion");
        Assert.Equal(confusion.GetProperty("tp").GetInt32(), report.Confusion.TruePositives);
        Assert.Equal(confusion.GetProperty("fp").GetInt32(), report.Confusion.FalsePositives);
        Assert.Equal(confusion.GetProperty("tn").GetInt32(), report.Confusion.TrueNegatives);
        Assert.Equal(confusion.GetProperty("fn").GetInt32(), report.Confusion.FalseNegatives);
        Assert.Equal(c.Number("accuracy"), report.Accuracy, 1e-12);
        Assert.Equal(c.Number("precision"), report.Precision, 1e-12);
        Assert.Equal(c.Number("recall"), report.Recall, 1e-12);
        Assert.Equal(c.Number("f1"), report.F1, 1e-12);
        Assert.Equal(c.Number("brier"), report.Brier, 1e-12);
        Assert.Equal(c.Number("log_loss_eps_1e15"), report.LogLoss, 1e-12);
        Assert.Equal(RocAuc.Compute(c.Vector("y"), c.Vector("p")), report.Auc);
        Assert.Equal(c.Vector("y").Sum(), report.Positives);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CalibrationReliability_GoldenCase_NonEmptyBinsMatchSklearnAndCountsMatchBincount(string name)
    {
        var c = MetricsGolden.Case(name);
        var bins = Calibration.Reliability(c.Vector("y"), c.Vector("p"));
        Assert.Equal(10, bins.Count);
        Assert.Equal(c.Doubles("calibration_counts"), bins.Select(b => (double)b.Count));
        var nonEmpty = bins.Where(b => b.Count > 0).ToArray();
        var fraction = c.Doubles("calibration_prob_true");
        var mean = c.Doubles("calibration_prob_pred");
        Assert.Equal(fraction.Length, nonEmpty.Length);
        for (var k = 0; k < nonEmpty.Length; k++)
        {
            Assert.Equal(fraction[k], nonEmpty[k].FractionPositive, 1e-12);
            Assert.Equal(mean[k], nonEmpty[k].MeanPredicted, 1e-12);
        }
        Assert.All(bins.Where(b => b.Count == 0), b => Assert.True(double.IsNaN(b.MeanPredicted)));
    }
}

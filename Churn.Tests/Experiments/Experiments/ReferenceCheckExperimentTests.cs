using System.Text.Json;
using Churn.Experiments.Experiments;

namespace Churn.Tests.Experiments.Experiments;

public sealed class ReferenceCheckExperimentTests
{
    [Fact]
    public void Run_Twice_WritesReportByteIdenticalMetricsAndEveryCheckedRowPasses()
    {
        var json = ExperimentReportRun.AssertDeterministic(new ReferenceCheckExperiment(), 42, ["coefficients.png"]);

        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement.GetProperty("results");
        Assert.Empty(r.GetProperty("failed").EnumerateArray());
        Assert.True(r.GetProperty("rows_checked").GetInt32() >= 50);
        Assert.Equal(r.GetProperty("rows_checked").GetInt32(), r.GetProperty("rows_passed").GetInt32());
        var sections = r.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("section").GetString()!).Distinct().ToArray();
        Assert.Equal(new[] { "kmeans", "logistic", "metrics" }, sections);
    }

    [Fact]
    public void Largest_RelativeRule_PicksWorstScaledElementAndJudgesIt()
    {
        var row = ReferenceCheckExperiment.Largest("x", ["a", "b", "c"], [1000, 0.5, 2], [1000.5, 0.5001, 2], ReferenceCheckExperiment.Rule.Relative, 1e-3);
        Assert.Equal("x (largest: a)", row.Quantity);
        Assert.Equal(0.5, row.AbsoluteDifference);
        Assert.True(row.Pass); // 0.5 <= 1e-3 x 1000

        var failing = row with { Tolerance = 1e-4 };
        Assert.False(failing.Pass);
    }

    [Fact]
    public void Comparison_NotAboveAndAboveRules_AllowLowerInertiaAndRequireAriAboveBound()
    {
        Assert.True(new ReferenceCheckExperiment.Comparison("inertia", 100, 99, ReferenceCheckExperiment.Rule.NotAbove, 0).Pass);
        Assert.False(new ReferenceCheckExperiment.Comparison("inertia", 100, 100.01, ReferenceCheckExperiment.Rule.NotAbove, 1e-6).Pass);
        Assert.False(new ReferenceCheckExperiment.Comparison("ari", 1, 0.98, ReferenceCheckExperiment.Rule.Above, 0.99).Pass);
        Assert.Null(new ReferenceCheckExperiment.Comparison("centre", 1, 2, ReferenceCheckExperiment.Rule.Info, 0).Pass);
    }
}

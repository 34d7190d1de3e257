using System.Text.Json;
using Churn.Experiments.Experiments;

namespace Churn.Tests.Experiments.Experiments;

public sealed class SegmentationExperimentTests
{
    // A small workload through the real code path: k = 2..4, two starts, two stability seeds, small samples.
    private static readonly SegmentationSettings Small = new()
    {
        MinClusters = 2, MaxClusters = 4, ChosenClusters = 4, NInit = 2, StabilitySeeds = 2, SilhouetteSample = 300, ScatterSample = 400,
    };

    [Fact]
    public void Run_SmallWorkloadTwice_WritesReportAndByteIdenticalMetrics()
    {
        var json = ExperimentReportRun.AssertDeterministic(new SegmentationExperiment(Small), 7,
            ["elbow.png", "silhouette.png", "segments_mou_vs_data.png", "segments_aon_vs_mou.png"]);

        using var doc = JsonDocument.Parse(json);
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(99999, results.GetProperty("rows").GetInt32());
        var segments = results.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(4, segments.Length);
        Assert.Equal(99999, segments.Sum(s => s.GetProperty("size").GetInt32()));
        Assert.Equal(497, segments.Sum(s => s.GetProperty("churners").GetInt32()));
        var inertias = results.GetProperty("inertia_by_k").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(3, inertias.Length);
        Assert.True(inertias[0] > inertias[1] && inertias[1] > inertias[2], "inertia must fall with k");
        var crossTab = results.GetProperty("cross_tab_ours_rows_original_columns").EnumerateArray()
            .SelectMany(r => r.EnumerateArray().Select(e => e.GetInt32())).Sum();
        Assert.Equal(99999, crossTab);
    }

    [Fact]
    public void Sample_SameSeed_SameSortedDistinctRows()
    {
        var a = SegmentationExperiment.Sample(1000, 100, 3);
        Assert.Equal(a, SegmentationExperiment.Sample(1000, 100, 3));
        Assert.Equal(100, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.NotEqual(a, SegmentationExperiment.Sample(1000, 100, 4));
        Assert.Equal(Enumerable.Range(0, 10), SegmentationExperiment.Sample(10, 50, 3));
    }

    [Fact]
    public void Knee_SharpBendAtThirdPoint_ReturnsItsIndex()
    {
        Assert.Equal(2, SegmentationExperiment.Knee([100, 60, 20, 18, 16, 14]));
        Assert.Equal(0, SegmentationExperiment.Knee([5, 5]));
    }
}

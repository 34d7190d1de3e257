using Churn.Experiments.Experiments.Reports;

namespace Churn.Tests.Experiments.Experiments.Reports;

public sealed class FiguresTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly FigureText Text = new("title", "x", "y");
    private readonly string directory = Directory.CreateTempSubdirectory("churn-figures-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Png(string name) => Path.Combine(directory, name);

    private static void AssertPng(string path, int height = Plots.Height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes.Take(8).ToArray());
        // IHDR: width and height, big-endian, at bytes 16-23.
        Assert.Equal(Plots.Width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(height, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
    }

    private static readonly Curve Line = new("model", [0, 0.2, 0.5, 1], [0, 0.6, 0.9, 1]);

    [Fact]
    public void ClassificationFigures_SmallInputs_WritePngsOfTheHouseSize()
    {
        Figures.Roc(Png("roc.png"), Text, [Line, Line with { Label = "other", Dashed = true }]);
        Figures.Roc(Png("roc_zoom.png"), Text, [Line], maxFalsePositiveRate: 0.02);
        Figures.PrecisionRecall(Png("pr.png"), Text, Line, 0.14, "random");
        Figures.Calibration(Png("calibration.png"), Text, Line);
        Figures.Gains(Png("gains.png"), Text, Line with { X = [0, 50, 100], Y = [0, 80, 100] }, 0.14);
        Figures.CurveWithBest(Png("profit.png"), Text, Line with { Y = [0, 5, -3, -10] }, 0.2, 5, "best", 0, 1);
        Figures.CoefficientBars(Png("bars.png"), Text, [new("a", 1.5), new("b", -0.5)], "raises", "lowers");
        Figures.GroupedBars(Png("grouped.png"), Text, ["g1", "g2"], [new("s1", [10, null]), new("s2", [20, 30])], 0, 100);
        foreach (var name in new[] { "roc.png", "roc_zoom.png", "pr.png", "calibration.png", "gains.png", "profit.png" }) AssertPng(Png(name));
        AssertPng(Png("bars.png"), Plots.Height + 100);
        AssertPng(Png("grouped.png"), Plots.Height + 100);
    }

    [Fact]
    public void ModelFigures_PathShapeAndGrid_WritePngs()
    {
        double[] lambdas = [1, 0.1, 0.01, 0.001];
        Figures.AgainstLogLambda(Png("path.png"), Text,
            [new Curve("w1", lambdas, [0, 0.5, 1, 1.2]), new Curve("w2", lambdas, [0, 0, -0.3, -0.4])],
            [new VerticalMarker(0.01, "CV pick"), new VerticalMarker(0.1, "1-SE rule", MarkerLine.Reference)], legend: null);
        Figures.Shape(Png("shape.png"), Text, new ShapeCurve([1, 2, 3, 4], [0, 0.5, 0.7, 0.6], [-0.2, 0.2, 0.4, 0.2], [0.2, 0.8, 1.0, 1.0]), "f(x)", "95% band");
        Figures.Shape(Png("steps.png"), Text, new ShapeCurve([0, 1], [0, 0.8], [-0.1, 0.5], [0.1, 1.1], Steps: true), "f(x)", "95% band");
        Figures.Heatmap(Png("heatmap.png"), Text, new Grid([1, 2, 3], [10, 20], new double[,] { { 0, 1, 2 }, { 3, double.NaN, 5 } }), "AUC");
        Figures.Lines(Png("lines.png"), Text, [Line with { MarkerSize = 8 }], [new VerticalMarker(0.5, "pick")], xTicks: Ticks.Integers([0, 1]), yRange: (0, 1.1));
        Figures.Points(Png("points.png"), Text, [new PointGroup("a", [1, 2], [3, 4], 0), new PointGroup("empty", [], [], 1)], ScottPlot.Alignment.UpperRight,
            lines: [new Curve("boundary", [0, 5, 5], [5, 5, 0]) { Dashed = true }]);
        Figures.AgainstReference(Png("reference.png"), Text, [new PointGroup("case a", [1, -2], [1.01, -2.02], 0, 1, 9)]);
        Figures.Histograms(Png("histogram.png"), Text, [new HistogramSeries("class 0", [0.5, 1.5], [0.3, 0.7], 0)], 1, new VerticalMarker(1, "p = 0.5", MarkerLine.Threshold));
        foreach (var name in new[] { "path.png", "shape.png", "steps.png", "heatmap.png", "lines.png", "points.png", "reference.png", "histogram.png" }) AssertPng(Png(name));
    }

    [Fact]
    public void AgainstLogLambda_ZeroLambda_ThrowsAndWritesNothing()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Figures.AgainstLogLambda(Png("path.png"), Text, [new Curve("w", [1, 0], [0, 1])], []));
        Assert.Contains("lambda must be > 0", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Heatmap_ValuesNotMatchingCentres_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Figures.Heatmap(Png("heatmap.png"), Text, new Grid([1, 2, 3], [10], new double[,] { { 0, 1 } }), "AUC"));
        Assert.Contains("1 x 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 x centres", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Shape_LengthsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            Figures.Shape(Png("shape.png"), Text, new ShapeCurve([1, 2], [0, 1], [0], [1, 2]), "f", "band"));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Save_ExistingFile_IsReplacedWhole()
    {
        var path = Png("roc.png");
        File.WriteAllText(path, "old");
        Figures.Roc(path, Text, [Line]);
        AssertPng(path);
        Assert.Single(Directory.GetFiles(directory));
    }
}

using ScottPlot;

namespace Churn.Experiments.Experiments.Reports;

/// <summary>
/// Every report figure, drawn in the house style (<see cref="Plots"/>) from plain data records and written
/// whole or not at all (<see cref="AtomicFile"/>) to the path given. The figures know nothing about the
/// experiments: callers pass the points, the labels and the text. Series i takes Category10 colour i.
/// </summary>
public static partial class Figures
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>The Category10 colour with index <paramref name="index"/> (the colour series <paramref name="index"/> gets).</summary>
    public static Color Colour(int index) => Palette.GetColor(index);

    /// <summary>Renders <paramref name="plot"/> as a PNG at the house width (the report writes it atomically).</summary>
    private static void Save(Plot plot, string path, int height = Plots.Height) => Plots.Saver(plot, Plots.Width, height)(path);

    /// <summary>
    /// The line a figure is judged against (a random ranking, perfect calibration, y = x): grey, dashed,
    /// from (x0, y0) to (x1, y1). Every figure's reference diagonal is this one.
    /// </summary>
    public static void ChanceLine(Plot plot, double x0, double y0, double x1, double y1, string label)
    {
        var line = plot.Add.Scatter(new[] { x0, x1 }, new[] { y0, y1 });
        line.LegendText = label;
        line.Color = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        line.MarkerSize = 0;
    }

    /// <summary>Adds <paramref name="curve"/> as a 2-pixel line in colour <paramref name="colour"/>.</summary>
    public static ScottPlot.Plottables.Scatter AddCurve(Plot plot, Curve curve, int colour)
    {
        var line = plot.Add.Scatter(curve.X.ToArray(), curve.Y.ToArray());
        line.LegendText = curve.Label;
        line.Color = Colour(colour);
        line.LineWidth = 2;
        line.MarkerSize = curve.MarkerSize;
        if (curve.Dashed) line.LinePattern = LinePattern.Dashed;
        if (curve.Steps) line.ConnectStyle = ConnectStyle.StepHorizontal;
        return line;
    }

    /// <summary>
    /// ROC curves (false positive rate, true positive rate), one per curve. At full scale the random-ranking
    /// diagonal is drawn; with <paramref name="maxFalsePositiveRate"/> the plot is zoomed into small false-positive
    /// rates, where the diagonal is flat and is left out.
    /// </summary>
    public static void Roc(string path, FigureText text, IReadOnlyList<Curve> curves, double? maxFalsePositiveRate = null)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        if (maxFalsePositiveRate is null) ChanceLine(plot, 0, 0, 1, 1, "random ranking (AUC 0.5)");
        for (var i = 0; i < curves.Count; i++) AddCurve(plot, curves[i], i);
        if (maxFalsePositiveRate is { } zoom) plot.Axes.SetLimits(-zoom / 100, zoom, -0.01, 1.01);
        else plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path);
    }

    /// <summary>A precision-recall curve (recall, precision) drawn as steps, against the precision of a random ranking.</summary>
    public static void PrecisionRecall(string path, FigureText text, Curve curve, double randomPrecision, string randomLabel)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var baseline = plot.Add.HorizontalLine(randomPrecision, 1, Colors.Gray, LinePattern.Dashed);
        baseline.LegendText = randomLabel;
        // Step-wise, as average precision is computed (sklearn draws steps-post).
        AddCurve(plot, curve with { Steps = true }, 0);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>A reliability diagram: (mean predicted, observed share) per bin, against the diagonal of perfect calibration.</summary>
    public static void Calibration(string path, FigureText text, Curve bins)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        ChanceLine(plot, 0, 0, 1, 1, "perfect calibration");
        AddCurve(plot, bins with { MarkerSize = 8 }, 0);
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>
    /// Cumulative gains in percent (customers contacted, positives reached), against a random order and the
    /// perfect ranking, which reaches every positive once <paramref name="positiveRate"/> of the base is contacted.
    /// </summary>
    public static void Gains(string path, FigureText text, Curve gains, double positiveRate)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        ChanceLine(plot, 0, 0, 100, 100, "random contact order");
        var perfect = plot.Add.Scatter(new[] { 0.0, positiveRate * 100, 100.0 }, new[] { 0.0, 100.0, 100.0 });
        perfect.LegendText = "perfect ranking";
        perfect.Color = Colors.DarkOrange;
        perfect.LinePattern = LinePattern.Dotted;
        perfect.MarkerSize = 0;
        AddCurve(plot, gains with { MarkerSize = 7 }, 0);
        plot.Axes.SetLimits(0, 100, 0, 102);
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path);
    }

    /// <summary>A curve with its best point marked (a profit curve and its maximum), over a zero line.</summary>
    public static void CurveWithBest(string path, FigureText text, Curve curve, double bestX, double bestY, string bestLabel, double left, double right)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        AddCurve(plot, curve, 0);
        var best = plot.Add.Marker(bestX, bestY, MarkerShape.FilledCircle, 12, Colors.Red);
        best.LegendText = bestLabel;
        plot.Axes.SetLimits(left, right, Math.Min(curve.Y.Min(), 0) * 1.05, Math.Max(curve.Y.Max(), 0) * 1.15 + 1);
        plot.ShowLegend(Alignment.LowerLeft);
        Save(plot, path);
    }

    /// <summary>
    /// Horizontal bars, the first value at the top: red for a positive value, blue for a negative one
    /// (coefficients: raises or lowers the odds), with the two legend texts given.
    /// </summary>
    public static void CoefficientBars(string path, FigureText text, IReadOnlyList<NamedValue> values, string positiveLabel, string negativeLabel)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var bars = new List<Bar>();
        var positions = new double[values.Count];
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            // First at the top: position counts down.
            positions[i] = values.Count - 1 - i;
            names[i] = values[i].Name;
            bars.Add(new Bar
            {
                Position = positions[i],
                Value = values[i].Value,
                FillColor = values[i].Value >= 0 ? Colors.FireBrick : Colors.SteelBlue,
                Size = 0.7,
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = positiveLabel, FillColor = Colors.FireBrick });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = negativeLabel, FillColor = Colors.SteelBlue });
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path, Plots.Height + 100);
    }

    /// <summary>
    /// Vertical bars grouped by category (one bar per series in each group, series i in colour i), category
    /// names rotated below the axis; a null value leaves its bar out. The y axis runs from <paramref name="bottom"/> to <paramref name="top"/>.
    /// </summary>
    public static void GroupedBars(string path, FigureText text, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, double bottom, double top)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var width = 1.0 / (series.Count + 1);
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            var color = Colour(s);
            for (var g = 0; g < categories.Count; g++)
                if (series[s].Values[g] is { } value)
                    bars.Add(new Bar { Position = g + (s - (series.Count - 1) / 2.0) * width, Value = value, FillColor = color, Size = width, LineWidth = 0 });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = color });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, categories.Count).Select(g => (double)g).ToArray(), categories.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        // Rotated labels need room below the axis or they are clipped.
        plot.Axes.Bottom.MinimumSize = 150;
        plot.Axes.SetLimits(-0.6, categories.Count - 0.4, bottom, top);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path, Plots.Height + 100);
    }
}

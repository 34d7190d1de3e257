using ScottPlot;

namespace Churn.Experiments.Experiments.Reports;

/// <summary>Line, point, band and grid figures (see <see cref="Figures"/> for the module's rules).</summary>
public static partial class Figures
{
    /// <summary>
    /// Curves (series i in colour i) with vertical markers, optional hand-placed x ticks and y range;
    /// the legend is left out when <paramref name="legend"/> is null (e.g. one line per coefficient).
    /// </summary>
    public static void Lines(string path, FigureText text, IReadOnlyList<Curve> curves, IReadOnlyList<VerticalMarker> markers,
        Alignment? legend = Alignment.UpperRight, Ticks? xTicks = null, (double Bottom, double Top)? yRange = null)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        for (var i = 0; i < curves.Count; i++) AddCurve(plot, curves[i], i);
        foreach (var marker in markers) AddMarker(plot, marker);
        if (xTicks is not null) plot.Axes.Bottom.TickGenerator = Manual(xTicks);
        if (yRange is { } y) plot.Axes.SetLimitsY(y.Bottom, y.Top);
        if (legend is { } alignment) plot.ShowLegend(alignment);
        else plot.HideLegend();
        Save(plot, path);
    }

    /// <summary>
    /// Curves over a penalty path drawn against ln(lambda) (a lasso path, CV AUC by lambda): each curve's X are
    /// the lambdas (all &gt; 0), the markers' X too; the x axis shows ln(lambda).
    /// </summary>
    public static void AgainstLogLambda(string path, FigureText text, IReadOnlyList<Curve> curves, IReadOnlyList<VerticalMarker> markers,
        Alignment? legend = Alignment.UpperRight)
    {
        static double Ln(double lambda) => lambda > 0
            ? Math.Log(lambda)
            : throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be > 0 to be drawn against ln(lambda).");
        Lines(path, text,
            curves.Select(c => c with { X = c.X.Select(Ln).ToArray() }).ToArray(),
            markers.Select(m => m with { X = Ln(m.X) }).ToArray(), legend);
    }

    /// <summary>
    /// An estimated shape with its 95% band around a dashed zero line: a curve in a shaded band, or, for a feature
    /// with few values, steps with the band's edges as dotted steps.
    /// </summary>
    public static void Shape(string path, FigureText text, ShapeCurve shape, string estimateLabel, string bandLabel)
    {
        if (shape.X.Count == 0 || shape.X.Count != shape.Estimate.Count || shape.X.Count != shape.Lower.Count || shape.X.Count != shape.Upper.Count)
            throw new ArgumentException("Shape: x, estimate, lower and upper need the same (non-zero) length.", nameof(shape));
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var zero = plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
        zero.LegendText = "no effect";
        var xs = shape.X.ToArray();
        if (shape.Steps)
        {
            // Each value is a flat step as wide as the gap to its neighbours, centred on it, so the last value shows too.
            var edges = StepEdges(xs);
            foreach (var edge in new[] { shape.Lower, shape.Upper })
            {
                var line = plot.Add.Scatter(edges, edge.Append(edge[^1]).ToArray());
                line.Color = Colour(0).WithAlpha(0.6);
                line.LinePattern = LinePattern.Dotted;
                line.ConnectStyle = ConnectStyle.StepHorizontal;
                line.MarkerSize = 0;
                line.LegendText = edge == shape.Lower ? bandLabel : "";
            }
            AddCurve(plot, new Curve("", edges, shape.Estimate.Append(shape.Estimate[^1]).ToArray()) { Steps = true }, 0);
            var points = plot.Add.ScatterPoints(xs, shape.Estimate.ToArray());
            points.Color = Colour(0);
            points.MarkerSize = 7;
            points.LegendText = estimateLabel;
        }
        else
        {
            var band = plot.Add.FillY(xs, shape.Lower.ToArray(), shape.Upper.ToArray());
            band.FillColor = Colour(0).WithAlpha(0.25);
            band.LineColor = Colors.Transparent;
            band.LegendText = bandLabel;
            AddCurve(plot, new Curve(estimateLabel, xs, shape.Estimate), 0);
        }
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    /// <summary>A heatmap of <paramref name="grid"/> (viridis) with a colour bar labelled <paramref name="colourLabel"/>.</summary>
    public static void Heatmap(string path, FigureText text, Grid grid, string colourLabel)
    {
        grid.Validate();
        var rows = grid.Y.Count;
        var columns = grid.X.Count;
        // ScottPlot draws row 0 at the top; the grid's row 0 is the lowest y.
        var flipped = new double[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) flipped[r, c] = grid.Values[rows - 1 - r, c];
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var heatmap = plot.Add.Heatmap(flipped);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var halfX = columns > 1 ? (grid.X[^1] - grid.X[0]) / (columns - 1) / 2 : 0.5;
        var halfY = rows > 1 ? (grid.Y[^1] - grid.Y[0]) / (rows - 1) / 2 : 0.5;
        heatmap.Extent = new CoordinateRect(grid.X[0] - halfX, grid.X[^1] + halfX, grid.Y[0] - halfY, grid.Y[^1] + halfY);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = colourLabel;
        Save(plot, path);
    }

    /// <summary>
    /// Groups of points (e.g. segments, classes), empty groups left out, then <paramref name="lines"/> drawn over
    /// them in black (a decision boundary); optional hand-placed ticks and limits.
    /// </summary>
    public static void Points(string path, FigureText text, IReadOnlyList<PointGroup> groups, Alignment legend,
        Ticks? xTicks = null, Ticks? yTicks = null, Limits? limits = null, IReadOnlyList<Curve>? lines = null)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        AddPoints(plot, groups);
        foreach (var curve in lines ?? [])
        {
            var line = AddCurve(plot, curve, 0);
            line.Color = Colors.Black;
        }
        if (xTicks is not null) plot.Axes.Bottom.TickGenerator = Manual(xTicks);
        if (yTicks is not null) plot.Axes.Left.TickGenerator = Manual(yTicks);
        if (limits is { } l) plot.Axes.SetLimits(l.Left, l.Right, l.Bottom, l.Top);
        plot.ShowLegend(legend);
        Save(plot, path);
    }

    /// <summary>Ours against a reference, one marker shape per group, around the y = x line of perfect agreement.</summary>
    public static void AgainstReference(string path, FigureText text, IReadOnlyList<PointGroup> groups)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        var extent = groups.SelectMany(g => g.X.Concat(g.Y)).Select(Math.Abs).Max() * 1.1;
        ChanceLine(plot, -extent, -extent, extent, extent, "y = x");
        var shapes = new[] { MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.Cross };
        var added = AddPoints(plot, groups);
        for (var s = 0; s < added.Count; s++) added[s].MarkerShape = shapes[s % shapes.Length];
        plot.Axes.SetLimits(-extent, extent, -extent, extent);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Overlaid histograms (bars of width <paramref name="binWidth"/>, see-through) with a threshold marker; the y axis starts at 0.</summary>
    public static void Histograms(string path, FigureText text, IReadOnlyList<HistogramSeries> series, double binWidth, VerticalMarker threshold)
    {
        var plot = Plots.Create(text.Title, text.XLabel, text.YLabel);
        foreach (var s in series)
        {
            var colour = Colour(s.Colour).WithAlpha(0.55);
            var bars = s.Centres.Select((centre, b) => new Bar
            {
                Position = centre,
                Value = s.Heights[b],
                Size = binWidth,
                FillColor = colour,
                LineWidth = 0,
            }).ToArray();
            var added = plot.Add.Bars(bars);
            added.LegendText = s.Label;
            added.Color = colour;
        }
        AddMarker(plot, threshold);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Edges of steps centred on sorted <paramref name="xs"/>: midpoints between neighbours, half a gap beyond each end (width 1 for one value).</summary>
    private static double[] StepEdges(double[] xs)
    {
        var edges = new double[xs.Length + 1];
        for (var i = 1; i < xs.Length; i++) edges[i] = (xs[i - 1] + xs[i]) / 2;
        var first = xs.Length > 1 ? (xs[1] - xs[0]) / 2 : 0.5;
        var last = xs.Length > 1 ? (xs[^1] - xs[^2]) / 2 : 0.5;
        edges[0] = xs[0] - first;
        edges[^1] = xs[^1] + last;
        return edges;
    }

    private static List<ScottPlot.Plottables.Scatter> AddPoints(Plot plot, IReadOnlyList<PointGroup> groups)
    {
        var added = new List<ScottPlot.Plottables.Scatter>();
        foreach (var group in groups)
        {
            if (group.X.Count == 0) continue;
            var points = plot.Add.ScatterPoints(group.X.ToArray(), group.Y.ToArray());
            points.Color = Colour(group.Colour).WithAlpha(group.Alpha);
            points.MarkerSize = group.Size;
            points.LegendText = group.Label;
            added.Add(points);
        }
        return added;
    }

    private static void AddMarker(Plot plot, VerticalMarker marker)
    {
        var line = plot.Add.VerticalLine(marker.X);
        line.LegendText = marker.Label;
        (line.LinePattern, line.Color) = marker.Line switch
        {
            MarkerLine.Pick => (LinePattern.Dashed, Colors.DarkOrange),
            MarkerLine.Reference => (LinePattern.Dotted, Colors.Gray),
            _ => (LinePattern.Dashed, Colors.Black),
        };
    }

    private static ScottPlot.TickGenerators.NumericManual Manual(Ticks ticks)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < ticks.Positions.Count; i++) generator.AddMajor(ticks.Positions[i], ticks.Labels[i]);
        return generator;
    }
}

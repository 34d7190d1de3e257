namespace Churn.Experiments.Experiments.Reports;

/// <summary>Title and axis labels of a figure.</summary>
public sealed record FigureText(string Title, string XLabel, string YLabel);

/// <summary>A labelled line through (X[i], Y[i]); <see cref="Dashed"/> and <see cref="Steps"/> change only how it is drawn.</summary>
public sealed record Curve(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Marker size at each point (0 = a plain line).</summary>
    public float MarkerSize { get; init; }

    public bool Dashed { get; init; }

    /// <summary>Drawn as steps (value held until the next x), e.g. a precision-recall curve or a few-valued feature.</summary>
    public bool Steps { get; init; }
}

/// <summary>A vertical line at <see cref="X"/> with a legend entry (a chosen k, the lambda CV picked).</summary>
public sealed record VerticalMarker(double X, string Label, MarkerLine Line = MarkerLine.Pick);

/// <summary>How a <see cref="VerticalMarker"/> is drawn.</summary>
public enum MarkerLine
{
    /// <summary>What a rule picked (the elbow, the lambda CV chose): dashed orange.</summary>
    Pick,

    /// <summary>A choice to compare with (the original's k): dotted grey.</summary>
    Reference,

    /// <summary>A decision threshold (p = 0.5): dashed black.</summary>
    Threshold,
}

/// <summary>A named value drawn as one bar (a coefficient, a term's importance).</summary>
public sealed record NamedValue(string Name, double Value);

/// <summary>One series of a grouped bar chart: its value per category, null where it has none.</summary>
public sealed record BarSeries(string Label, IReadOnlyList<double?> Values);

/// <summary>A labelled set of points drawn as markers, with its palette index (Category10) and opacity.</summary>
public sealed record PointGroup(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, int Colour, double Alpha = 0.55, float Size = 4);

/// <summary>A labelled histogram: bar centres and heights; every bar has the chart's bin width.</summary>
public sealed record HistogramSeries(string Label, IReadOnlyList<double> Centres, IReadOnlyList<double> Heights, int Colour);

/// <summary>Tick marks placed by hand: positions and the text shown at each.</summary>
public sealed record Ticks(IReadOnlyList<double> Positions, IReadOnlyList<string> Labels)
{
    public static Ticks Integers(IEnumerable<int> values)
    {
        var list = values.ToArray();
        return new Ticks(list.Select(v => (double)v).ToArray(),
            list.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }
}

/// <summary>Axis limits of a figure.</summary>
public sealed record Limits(double Left, double Right, double Bottom, double Top);

/// <summary>
/// An estimated shape f(x) with its pointwise 95% band (an additive model's term): drawn as a curve in a
/// shaded band, or as steps when the feature takes few values.
/// </summary>
public sealed record ShapeCurve(IReadOnlyList<double> X, IReadOnlyList<double> Estimate, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper, bool Steps = false);

/// <summary>
/// A grid of values (rows bottom to top along y, columns left to right along x) for a heatmap; the
/// centres of the cells are <see cref="X"/> and <see cref="Y"/>. NaN cells are left blank.
/// </summary>
public sealed record Grid(IReadOnlyList<double> X, IReadOnlyList<double> Y, double[,] Values)
{
    public void Validate()
    {
        if (Values.GetLength(0) != Y.Count || Values.GetLength(1) != X.Count)
            throw new ArgumentException("Grid: values are " + Values.GetLength(0) + " x " + Values.GetLength(1) + " but there are " +
                                        Y.Count + " y and " + X.Count + " x centres.", nameof(Values));
        if (X.Count < 1 || Y.Count < 1) throw new ArgumentException("Grid needs at least one cell.", nameof(Values));
    }
}

using Churn.Algorithms.Additive;
using Churn.Experiments.Experiments.Reports;
using static Churn.Experiments.Experiments.Reports.ReportBuilder;

namespace Churn.Experiments.Experiments;

/// <summary>
/// How a report draws an additive model's terms, the same in the models report and in every report that
/// uses an additive model: the <paramref name="Shapes"/> most important one-feature shapes, then heatmaps of
/// the <paramref name="Pairs"/> strongest pairs (each report says how many).
/// </summary>
internal sealed record TermFigures(int Shapes, int Pairs)
{
    /// <summary>One-feature terms by importance, non-zero only, at most <see cref="Shapes"/>.</summary>
    public IReadOnlyList<TermShape> ImportantShapes(IEnumerable<TermShape> terms) =>
        TermShapes.ByImportance(terms.Where(s => s.Y is null && s.Importance > 0)).Take(Shapes).ToList();

    /// <summary>Pair terms by importance, at most <see cref="Pairs"/>.</summary>
    public IReadOnlyList<TermShape> StrongestPairs(IEnumerable<TermShape> terms) =>
        TermShapes.ByImportance(terms.Where(s => s.Y is not null)).Take(Pairs).ToList();

    /// <summary>{filePrefix}shape_1.png, ... captioned "{captionPrefix}term (edf, importance)".</summary>
    public static void WriteShapes(ReportBuilder report, IReadOnlyList<TermShape> shapes, string filePrefix, string captionPrefix)
    {
        foreach (var (shape, i) in shapes.Select((s, i) => (s, i)))
            report.Figure(string.Format(CultureInfo.InvariantCulture, "{0}shape_{1}.png", filePrefix, i + 1),
                string.Format(CultureInfo.InvariantCulture, "{0}{1} (edf {2}, importance {3})", captionPrefix, shape.Term, F(shape.EffectiveDf, 1), F(shape.Importance, 3)),
                file => ShapePlot(file, shape));
    }

    /// <summary>{filePrefix}pair_1.png, ... captioned "{captionPrefix}interaction term (importance)".</summary>
    public static void WritePairs(ReportBuilder report, IReadOnlyList<TermShape> pairs, string filePrefix, string captionPrefix)
    {
        foreach (var (pair, i) in pairs.Select((p, i) => (p, i)))
            report.Figure(string.Format(CultureInfo.InvariantCulture, "{0}pair_{1}.png", filePrefix, i + 1),
                string.Format(CultureInfo.InvariantCulture, "{0}interaction {1} (importance {2})", captionPrefix, pair.Term, F(pair.Importance, 3)),
                file => PairHeatmap(file, pair));
    }

    private static void ShapePlot(string file, TermShape shape)
    {
        var steps = shape.X.Values.Count <= 10;
        Figures.Shape(file, new FigureText(shape.Term, shape.X.Feature, "effect on the log-odds of churn"),
            new ShapeCurve(shape.X.Values, shape.Effect, shape.Lower ?? shape.Effect, shape.Upper ?? shape.Effect, steps),
            "effect", shape.Lower is null ? "no band (not computed)" : "pointwise 95% band");
    }

    private static void PairHeatmap(string file, TermShape pair)
    {
        var y = pair.Y!;
        var nx = pair.X.Values.Count;
        var ny = y.Values.Count;
        var cells = new double[ny, nx];
        for (var a = 0; a < nx; a++)
            for (var b = 0; b < ny; b++)
                cells[b, a] = pair.Effect[a * ny + b];
        Figures.Heatmap(file, new FigureText(pair.Term, pair.X.Feature, y.Feature), new Grid(pair.X.Values, y.Values, cells), "effect on the log-odds");
    }
}

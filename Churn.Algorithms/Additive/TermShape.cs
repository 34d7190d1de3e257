using Churn.Algorithms.Preprocessing;

namespace Churn.Algorithms.Additive;

/// <summary>One axis of a shape: the input values, with a label each (a number, a level or a category column).</summary>
public sealed record ShapeAxis(string Feature, IReadOnlyList<double> Values, IReadOnlyList<string> Labels);

/// <summary>
/// A term's effect on the log-odds over a grid of its inputs, relative to the average training
/// customer (the contributions are centred), with a pointwise 95% band from the Bayesian covariance
/// (one-feature terms). For a pair, <see cref="Effect"/> is row-major over X (rows) by Y (columns).
/// <see cref="Importance"/> is the SD of the term's contribution over the training rows.
/// </summary>
public sealed record TermShape(
    string Term,
    ShapeAxis X,
    ShapeAxis? Y,
    IReadOnlyList<double> Effect,
    IReadOnlyList<double>? Lower,
    IReadOnlyList<double>? Upper,
    double EffectiveDf,
    double Importance);

/// <summary>Computes <see cref="TermShape"/>s of a fitted additive model.</summary>
public static class TermShapes
{
    private const double Z95 = 1.959963984540054;

    /// <summary>The order every table, plot and explanation lists terms in: most important first, ties by name.</summary>
    public static IReadOnlyList<TermShape> ByImportance(IEnumerable<TermShape> shapes) =>
        shapes.OrderByDescending(s => s.Importance).ThenBy(s => s.Term, StringComparer.Ordinal).ToList();

    /// <remarks>coefficients: Coefficients of the standardised expanded columns.</remarks>
    /// <remarks>covariance: Covariance with the intercept first (null: no bands).</remarks>
    /// <remarks>effectiveDf: Per expanded column.</remarks>
    /// <remarks>inputs: Training input rows (grid ranges and importances).</remarks>
    public static IReadOnlyList<TermShape> Compute(AdditiveBasis basis, StandardScalerModel scaler, IReadOnlyList<double> coefficients,
        Matrix<double>? covariance, IReadOnlyList<double> effectiveDf, Matrix<double> inputs, int gridPoints = 41)
    {
        var expanded = scaler.Transform(basis.Expand(inputs));
        var shapes = new List<TermShape>();
        for (var t = 0; t < basis.Terms.Count; t++)
        {
            var term = basis.Terms[t];
            var offset = basis.Offset(t);
            var contribution = new double[inputs.RowCount];
            for (var j = 0; j < term.Width; j++)
            {
                var b = coefficients[offset + j];
                for (var i = 0; i < contribution.Length; i++) contribution[i] += b * expanded[i, offset + j];
            }
            var importance = MathNet.Numerics.Statistics.Statistics.PopulationStandardDeviation(contribution);
            var edf = Enumerable.Range(offset, term.Width).Sum(j => effectiveDf[j]);
            if (term is PairTerm pair)
            {
                var x = Axis(pair.First, inputs, 15);
                var y = Axis(pair.Second, inputs, 15);
                var effect = new List<double>();
                foreach (var a in Enumerable.Range(0, x.Values.Count))
                    foreach (var c in Enumerable.Range(0, y.Values.Count))
                    {
                        var row = new double[basis.InputCount];
                        Set(pair.First, x.Values[a], row);
                        Set(pair.Second, y.Values[c], row);
                        effect.Add(Effect(term, row, offset, scaler, coefficients, null, out _));
                    }
                shapes.Add(new TermShape(term.Name, x, y, effect, null, null, edf, importance));
                continue;
            }
            var axis = Axis(term, inputs, gridPoints);
            var values = new double[axis.Values.Count];
            double[]? lower = covariance is null ? null : new double[values.Length];
            double[]? upper = covariance is null ? null : new double[values.Length];
            for (var k = 0; k < values.Length; k++)
            {
                var row = new double[basis.InputCount];
                Set(term, axis.Values[k], row);
                values[k] = Effect(term, row, offset, scaler, coefficients, covariance, out var se);
                if (lower is not null)
                {
                    lower[k] = values[k] - Z95 * se;
                    upper![k] = values[k] + Z95 * se;
                }
            }
            shapes.Add(new TermShape(term.Name, axis, null, values, lower, upper, edf, importance));
        }
        return shapes;
    }

    private static double Effect(AdditiveTerm term, double[] row, int offset, StandardScalerModel scaler, IReadOnlyList<double> b,
        Matrix<double>? covariance, out double standardError)
    {
        var columns = new double[term.Width];
        term.Expand(row, columns);
        var effect = 0.0;
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = (columns[j] - scaler.Means[offset + j]) / scaler.Scales[offset + j];
            effect += b[offset + j] * columns[j];
        }
        standardError = 0;
        if (covariance is not null)
        {
            var variance = 0.0;
            for (var a = 0; a < columns.Length; a++)
                for (var c = 0; c < columns.Length; c++)
                    variance += columns[a] * covariance[offset + a + 1, offset + c + 1] * columns[c];
            standardError = Math.Sqrt(Math.Max(variance, 0));
        }
        return effect;
    }

    /// <summary>Grid of a one-feature term: spline = equal steps over the training range; step = its levels; indicators = reference then each column.</summary>
    private static ShapeAxis Axis(AdditiveTerm term, Matrix<double> inputs, int points)
    {
        switch (term)
        {
            case StepTerm step:
                return new ShapeAxis(term.Name, step.Levels, step.Levels.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            case IndicatorTerm indicator:
                return new ShapeAxis(term.Name, Enumerable.Range(0, indicator.Width + 1).Select(k => (double)k).ToArray(),
                    new[] { "(reference)" }.Concat(indicator.ColumnNames).ToArray());
            default:
                var column = inputs.Column(term.Inputs[0]);
                var min = column.Minimum();
                var max = column.Maximum();
                var values = Enumerable.Range(0, points).Select(k => k == points - 1 ? max : min + (max - min) * k / (points - 1)).ToArray();
                return new ShapeAxis(term.Name, values, values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
    }

    private static void Set(AdditiveTerm term, double value, double[] row)
    {
        if (term is IndicatorTerm indicator)
        {
            var k = (int)value;
            if (k > 0) row[indicator.Inputs[k - 1]] = 1;
            return;
        }
        row[term.Inputs[0]] = value;
    }
}

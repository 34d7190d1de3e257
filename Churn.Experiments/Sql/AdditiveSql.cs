using Churn.Algorithms.Additive;

namespace Churn.Experiments.Sql;

/// <summary>
/// An additive model's basis (<see cref="AdditiveBasis.ExpandRow"/>) as SQL layers: linear and indicator
/// terms pass their inputs through, a step term is one CASE per level, a pair multiplies its marginals'
/// columns, and a spline term runs <see cref="BSplineBasis.Evaluate"/>'s own arithmetic: the value clamped
/// to the base interval, the knot interval found by comparisons, then the Cox-de Boor triangle, one layer
/// per step, with the same operations in the same order (so the engine's doubles give the same values).
/// </summary>
internal static class AdditiveSql
{
    /// <summary>
    /// Adds the layers to <paramref name="q"/> and returns one expression per expanded column, in basis
    /// order. <paramref name="inputs"/> are the basis inputs (encoded features, then segment indicators).
    /// </summary>
    public static IReadOnlyList<string> Columns(ScoringSql.Layers q, AdditiveBasis basis, IReadOnlyList<string> inputs)
    {
        // Every one-feature term that needs its columns: the main terms and each pair's marginals.
        var units = new List<AdditiveTerm>();
        foreach (var term in basis.Terms)
            units.AddRange(term is PairTerm pair ? [pair.First, pair.Second] : [term]);
        var splines = units.OfType<SplineTerm>().Distinct().ToList();
        var values = SplineValues(q, splines, inputs);

        // One layer holding every unit's columns, so a pair's products refer to them instead of repeating them.
        var layer = new List<(string, string)>();
        var unitColumns = new Dictionary<AdditiveTerm, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        foreach (var unit in units)
        {
            if (unitColumns.ContainsKey(unit)) continue;
            var expressions = unit switch
            {
                SplineTerm s => values[s],
                StepTerm s => StepColumns(s, inputs[s.Inputs[0]]),
                LinearTerm l => [inputs[l.Inputs[0]]],
                IndicatorTerm i => i.Inputs.Select(j => inputs[j]).ToList(),
                _ => throw new InvalidOperationException("no SQL for term type " + unit.GetType().Name),
            };
            var aliases = new List<string>();
            foreach (var expression in expressions)
            {
                var alias = "a_" + layer.Count.ToString(CultureInfo.InvariantCulture);
                layer.Add((expression, alias));
                aliases.Add(q.Ref(alias));
            }
            unitColumns[unit] = aliases;
        }
        q.Add(layer);

        var columns = new List<string>();
        foreach (var term in basis.Terms)
        {
            if (term is not PairTerm pair)
            {
                columns.AddRange(unitColumns[term]);
                continue;
            }
            // Column (i, j) = first_i x second_j, row-major as PairTerm.Expand writes them.
            foreach (var a in unitColumns[pair.First])
                foreach (var b in unitColumns[pair.Second])
                    columns.Add("(" + a + " * " + b + ")");
        }
        return columns;
    }

    /// <summary>
    /// Value v falls on the largest level at or below it (below the smallest: the smallest, the
    /// reference without a column), as <see cref="StepTerm.LevelOf"/>: column k is 1 on [level k, level k+1).
    /// </summary>
    private static List<string> StepColumns(StepTerm step, string x)
    {
        var levels = step.Levels;
        var columns = new List<string>();
        for (var k = 1; k < levels.Count; k++)
        {
            var test = x + " >= " + SqlDialect.Number(levels[k]);
            if (k + 1 < levels.Count) test += " AND " + x + " < " + SqlDialect.Number(levels[k + 1]);
            columns.Add("CASE WHEN " + test + " THEN " + SqlDialect.Number(1) + " ELSE " + SqlDialect.Number(0) + " END");
        }
        return columns;
    }

    /// <summary>
    /// The layers of every spline's evaluation (all splines side by side, so the nesting depth does not
    /// grow with their number); returns, per spline, the expressions of its Width columns.
    /// </summary>
    private static Dictionary<SplineTerm, IReadOnlyList<string>> SplineValues(ScoringSql.Layers q, IReadOnlyList<SplineTerm> splines,
        IReadOnlyList<string> inputs)
    {
        var result = new Dictionary<SplineTerm, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        if (splines.Count == 0) return result;
        string Name(int s, string part) => "s" + s.ToString(CultureInfo.InvariantCulture) + "_" + part;
        string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        // x clamped to [Lower, Upper]: outside the base interval a basis takes its boundary value.
        q.Add(splines.Select((t, s) => ("LEAST(GREATEST(" + inputs[t.Inputs[0]] + ", " + SqlDialect.Number(t.Basis.Lower) + "), "
            + SqlDialect.Number(t.Basis.Upper) + ")", Name(s, "x"))).ToList());

        // Interval k with knots[k] <= x < knots[k+1], k in [Degree, last]; the right end belongs to the last interval.
        q.Add(splines.Select((t, s) =>
        {
            var knots = t.Basis.Knots;
            var degree = t.Basis.Degree;
            var last = knots.Count - degree - 2;
            var x = q.Ref(Name(s, "x"));
            var cases = Enumerable.Range(degree + 1, last - degree).Reverse()
                .Select(k => " WHEN " + x + " >= " + SqlDialect.Number(knots[k]) + " THEN " + Index(k));
            return ("CASE" + string.Concat(cases) + " ELSE " + Index(degree) + " END", Name(s, "k"));
        }).ToList());

        // left[j] = x - knots[k + 1 - j], right[j] = knots[k + j] - x.
        var sides = new List<(string, string)>();
        for (var s = 0; s < splines.Count; s++)
        {
            var basis = splines[s].Basis;
            var x = q.Ref(Name(s, "x"));
            for (var j = 1; j <= basis.Degree; j++)
            {
                var at = j;
                sides.Add((x + " - " + KnotAt(s, basis, k => k + 1 - at), Name(s, "l" + Index(j))));
                sides.Add((KnotAt(s, basis, k => k + at) + " - " + x, Name(s, "r" + Index(j))));
            }
        }
        q.Add(sides);

        // Cox-de Boor (BSPLVB): per step j, term_r = v_r / (right[r+1] + left[j-r]), then
        // v_r = saved + right[r+1] * term_r with saved the previous left[j-r+1] * term_{r-1}, v_j = the last saved.
        var maxDegree = splines.Max(t => t.Basis.Degree);
        var value = splines.Select(_ => new List<string> { SqlDialect.Number(1) }).ToList();
        for (var j = 1; j <= maxDegree; j++)
        {
            var terms = new List<(string, string)>();
            var next = new List<(string, string)>();
            for (var s = 0; s < splines.Count; s++)
            {
                if (j > splines[s].Basis.Degree) continue;
                string L(int i) => q.Ref(Name(s, "l" + Index(i)));
                string R(int i) => q.Ref(Name(s, "r" + Index(i)));
                string T(int r) => q.Ref(Name(s, "t" + Index(j) + "_" + Index(r)));
                for (var r = 0; r < j; r++)
                    terms.Add((value[s][r] + " / (" + R(r + 1) + " + " + L(j - r) + ")", Name(s, "t" + Index(j) + "_" + Index(r))));
                var updated = new List<string>();
                for (var r = 0; r <= j; r++)
                {
                    var saved = r == 0 ? null : L(j - r + 1) + " * " + T(r - 1);
                    var expression = r == j ? saved! : saved is null ? R(r + 1) + " * " + T(r) : saved + " + " + R(r + 1) + " * " + T(r);
                    var alias = Name(s, "v" + Index(j) + "_" + Index(r));
                    next.Add((expression, alias));
                    updated.Add(q.Ref(alias));
                }
                value[s] = updated;
            }
            q.Add(terms);
            q.Add(next);
        }

        // Basis function b takes v_r where k - Degree + r = b; the last function is left out (SplineTerm).
        for (var s = 0; s < splines.Count; s++)
        {
            var basis = splines[s].Basis;
            var last = basis.Knots.Count - basis.Degree - 2;
            var k = q.Ref(Name(s, "k"));
            var columns = new List<string>();
            for (var b = 0; b < basis.Count - 1; b++)
            {
                var when = Enumerable.Range(0, basis.Degree + 1)
                    .Select(r => (Interval: b + basis.Degree - r, r))
                    .Where(w => w.Interval >= basis.Degree && w.Interval <= last)
                    .Select(w => " WHEN " + Index(w.Interval) + " THEN " + value[s][w.r]);
                columns.Add("CASE " + k + string.Concat(when) + " ELSE " + SqlDialect.Number(0) + " END");
            }
            result[splines[s]] = columns;
        }
        return result;

        // knots[index(k)] for the row's interval k, as a CASE over the intervals.
        string KnotAt(int s, BSplineBasis basis, Func<int, int> index)
        {
            var last = basis.Knots.Count - basis.Degree - 2;
            var when = Enumerable.Range(basis.Degree, last - basis.Degree + 1)
                .Select(k => " WHEN " + Index(k) + " THEN " + SqlDialect.Number(basis.Knots[index(k)]));
            return "(CASE " + q.Ref(Name(s, "k")) + string.Concat(when) + " END)";
        }
    }
}

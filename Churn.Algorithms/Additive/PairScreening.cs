namespace Churn.Algorithms.Additive;

/// <summary>One screened pair of terms and its FAST gain.</summary>
public sealed record PairScore(int First, int Second, double Gain);

/// <summary>
/// FAST (Lou, Caruana, Gehrke and Hooker, KDD 2013, the screening of InterpretML's EBM): every pair
/// of one-feature terms is binned (each term into at most <c>bins</c> quantile bins or its levels),
/// and the additive model's gradient g_i = y_i - p_i and Hessian h_i = p_i (1 - p_i) are summed per
/// cell. For each pair the best "cross" split (one cut on each axis, four quadrants) is found with
/// prefix sums; its gain, sum over quadrants of G^2 / H, is the Newton step's improvement of the
/// log-likelihood by that 2-D step function. Pairs are ranked by it.
/// Why FAST and not a lasso over candidate products: a product x_a x_b only finds interactions of
/// one shape (a twisted plane), while the quadrant split also sees thresholds like "many service
/// calls and low day minutes"; and FAST costs O(n + bins^2) per pair on the residuals of the model
/// already fitted, so all pairs are screened in milliseconds and only the kept ones are fitted.
/// </summary>
public static class PairScreening
{
    /// <remarks>terms: The one-feature terms (no pairs).</remarks>
    /// <remarks>inputs: Input rows of the training data.</remarks>
    /// <remarks>probabilities: The additive model's fitted probabilities.</remarks>
    public static IReadOnlyList<PairScore> Rank(IReadOnlyList<AdditiveTerm> terms, Matrix<double> inputs, Vector<double> y,
        Vector<double> probabilities, int bins = 16)
    {
        Guard.RowsMatch(inputs, nameof(inputs), y, nameof(y));
        var n = inputs.RowCount;
        var binned = terms.Select(t => Bin(t, inputs, bins, out var count) is var b ? (Bins: b, Count: count) : default).ToArray();
        var g = new double[n];
        var h = new double[n];
        for (var i = 0; i < n; i++)
        {
            g[i] = y[i] - probabilities[i];
            h[i] = probabilities[i] * (1 - probabilities[i]);
        }
        var scores = new List<PairScore>();
        for (var a = 0; a < terms.Count; a++)
            for (var b = a + 1; b < terms.Count; b++)
            {
                if (binned[a].Count < 2 || binned[b].Count < 2) continue;
                scores.Add(new PairScore(a, b, BestCross(binned[a], binned[b], g, h)));
            }
        return scores.OrderByDescending(s => s.Gain).ThenBy(s => s.First).ThenBy(s => s.Second).ToList();
    }

    private static double BestCross((int[] Bins, int Count) a, (int[] Bins, int Count) b, double[] g, double[] h)
    {
        var rows = a.Count;
        var cols = b.Count;
        // Cumulative sums over the cell table: P[r, c] = sum of cells with row < r and column < c.
        var pg = new double[(rows + 1) * (cols + 1)];
        var ph = new double[(rows + 1) * (cols + 1)];
        for (var i = 0; i < g.Length; i++)
        {
            var index = (a.Bins[i] + 1) * (cols + 1) + b.Bins[i] + 1;
            pg[index] += g[i];
            ph[index] += h[i];
        }
        for (var r = 1; r <= rows; r++)
            for (var c = 1; c <= cols; c++)
            {
                var k = r * (cols + 1) + c;
                pg[k] += pg[k - 1] + pg[k - cols - 1] - pg[k - cols - 2];
                ph[k] += ph[k - 1] + ph[k - cols - 1] - ph[k - cols - 2];
            }
        double At(double[] s, int r, int c) => s[r * (cols + 1) + c];
        var totalG = At(pg, rows, cols);
        var totalH = At(ph, rows, cols);
        var best = 0.0;
        for (var r = 1; r < rows; r++)
            for (var c = 1; c < cols; c++)
            {
                var g00 = At(pg, r, c);
                var h00 = At(ph, r, c);
                var g01 = At(pg, r, cols) - g00;
                var h01 = At(ph, r, cols) - h00;
                var g10 = At(pg, rows, c) - g00;
                var h10 = At(ph, rows, c) - h00;
                var g11 = totalG - g00 - g01 - g10;
                var h11 = totalH - h00 - h01 - h10;
                var gain = Gain(g00, h00) + Gain(g01, h01) + Gain(g10, h10) + Gain(g11, h11);
                if (gain > best) best = gain;
            }
        return best - Gain(totalG, totalH);
    }

    private static double Gain(double g, double h) => h > 1e-12 ? g * g / h : 0;

    /// <summary>Bin index of every row for one term: levels or categories as they are, a numeric input by quantile bins.</summary>
    private static int[] Bin(AdditiveTerm term, Matrix<double> inputs, int bins, out int count)
    {
        var n = inputs.RowCount;
        var result = new int[n];
        switch (term)
        {
            case StepTerm step:
                for (var i = 0; i < n; i++) result[i] = step.LevelOf(inputs[i, step.Inputs[0]]);
                count = step.Levels.Count;
                return result;
            case IndicatorTerm indicator:
                for (var i = 0; i < n; i++)
                    for (var k = 0; k < indicator.Inputs.Count; k++)
                        if (inputs[i, indicator.Inputs[k]] != 0) result[i] = k + 1;
                count = indicator.Inputs.Count + 1;
                return result;
            default:
                var column = term.Inputs[0];
                var values = Enumerable.Range(0, n).Select(i => inputs[i, column]).ToArray();
                var sorted = (double[])values.Clone();
                Array.Sort(sorted);
                var edges = Enumerable.Range(1, bins - 1).Select(k => sorted[(int)((long)k * (n - 1) / bins)]).Distinct().ToArray();
                for (var i = 0; i < n; i++)
                {
                    var k = Array.BinarySearch(edges, values[i]);
                    result[i] = k >= 0 ? k + 1 : ~k;
                }
                count = edges.Length + 1;
                return result;
        }
    }
}

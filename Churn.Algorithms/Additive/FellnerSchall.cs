namespace Churn.Algorithms.Additive;

/// <summary>
/// Balances the smoothing of the terms against each other: the generalised Fellner-Schall update
/// (Wood and Fasiolo, Biometrics 2017), the fixed-point iteration mgcv uses for Laplace-approximate
/// REML. For term j with penalty lambda_j S_j (block diagonal), after a fit with Bayesian covariance V:
/// lambda_j &lt;- (rank S_j - lambda_j tr(V_jj S_j)) / (b_j^T S_j b_j).
/// The numerator is the term's penalised degrees of freedom, so a term the data do not need (b^T S b
/// near 0) gets a large lambda and shrinks to its unpenalised part, while a wiggly signal keeps a
/// small one. One shared lambda cannot do both; <see cref="AdditiveTrainer"/> then scales all of them
/// by one factor chosen by cross-validation.
/// </summary>
public static class FellnerSchall
{
    private const double Smallest = 1e-4;
    private const double Largest = 1e5;

    /// <summary>Per-term smoothing (index = term; ridge terms keep the start value, unused); an optional fixed offset as in <see cref="PenalizedLogistic"/>.</summary>
    public static double[] Estimate(AdditiveBasis basis, Matrix<double> x, Vector<double> y, IReadOnlyList<double> scales, double ridge,
        double start, int maxIterations = 30, IReadOnlyList<double>? offset = null)
    {
        var terms = basis.Terms;
        var lambda = Enumerable.Repeat(start, terms.Count).ToArray();
        var smooth = Enumerable.Range(0, terms.Count).Where(t => terms[t].Group == PenaltyGroup.Smooth).ToArray();
        if (smooth.Length == 0) return lambda;
        var scaled = new Dictionary<int, Matrix<double>>();
        var rank = new Dictionary<int, int>();
        foreach (var t in smooth)
        {
            var s = terms[t].Penalty();
            var o = basis.Offset(t);
            scaled[t] = Matrix<double>.Build.Dense(s.RowCount, s.ColumnCount, (a, b) => s[a, b] / (scales[o + a] * scales[o + b]));
            rank[t] = s.Rank();
        }
        IReadOnlyList<double>? warm = null;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var fit = PenalizedLogistic.Fit(x, y, basis.Penalty(lambda, ridge, scales), warm, covariance: true, offset: offset);
            if (fit.Covariance is not { } v) break;
            warm = [fit.Intercept, .. fit.Coefficients];
            var change = 0.0;
            foreach (var t in smooth)
            {
                var o = basis.Offset(t);
                var s = scaled[t];
                var trace = 0.0;
                var bsb = 0.0;
                for (var a = 0; a < s.RowCount; a++)
                    for (var b = 0; b < s.ColumnCount; b++)
                    {
                        trace += v[o + a + 1, o + b + 1] * s[b, a];
                        bsb += fit.Coefficients[o + a] * s[a, b] * fit.Coefficients[o + b];
                    }
                var updated = Math.Clamp(Math.Max(rank[t] - lambda[t] * trace, 0) / Math.Max(bsb, 1e-300), Smallest, Largest);
                change = Math.Max(change, Math.Abs(Math.Log(updated / lambda[t])));
                lambda[t] = updated;
            }
            if (change < 0.01) break;
        }
        return lambda;
    }
}

namespace Churn.Algorithms.Linear;

/// <summary>
/// The initial inverse Hessian of <see cref="LbfgsSolver"/>: M^-1 with M = the Hessian of F at a point (the
/// start, then every <see cref="RefreshEvery"/> iterations the current one), estimated on <see cref="SampleRowsFor"/> evenly spaced rows (scaled to all rows, plus the
/// penalty), held as its Cholesky factor. With M the solver is invariant to the scale of the columns and much
/// less sensitive to their correlation: raw, unstandardised or near-collinear designs converge in about as many
/// iterations as standardised ones (plain L-BFGS with H_0 = gamma I did not converge within 100 iterations on
/// 20 or 100 correlated usage columns of the raw file; with M it converges in 21-32). Costs one Hessian over
/// the sample per estimate and O(p^2) per iteration.
/// </summary>
internal sealed class LbfgsPreconditioner
{
    /// <summary>Most rows the curvature is estimated on: enough for p up to a few hundred, cheap next to a pass over 1e6 rows.</summary>
    public const int SampleRows = 8192;

    /// <summary>
    /// Rows of the sample for n rows: every row up to twice <see cref="SampleRows"/>, else <see cref="SampleRows"/> (a
    /// smaller sample at 1e4 rows x 100 features took 35 iterations instead of 26, and more time). Below twice the
    /// sample, copying SampleRows rows out into a fresh objective cost more than the rows it saved (L-BFGS at 1e4 x 3:
    /// 0.57-0.62 ms a fit on every row against 0.78-0.86 ms on 8,192 of them).
    /// </summary>
    public static int SampleRowsFor(int rows) => rows <= 2 * SampleRows ? rows : SampleRows;

    /// <summary>
    /// Iterations between two estimates: every iteration when an estimate costs at most 1/10 of an evaluation
    /// of F (e.g. 1e5 rows x 3 or 20 features, 1e6 x 20 or 100, where it saves 2-8 of 12-41 iterations), else
    /// <see cref="MaxRefreshEvery"/> (the curvature at the optimum can be far from the start's). A sample row
    /// of an estimate costs its terms (about 40 operations: exp, log1p) plus p^2/2 multiply-adds in register
    /// tiles (about 4 of them cost one operation of a pass); a row of an evaluation costs 2p + 40.
    /// </summary>
    public static int RefreshEvery(int rows, int sampleRows, int parameters)
    {
        var estimate = sampleRows * (40 + 0.125 * parameters * (double)parameters);
        var evaluation = rows * (2.0 * parameters + 40);
        return estimate <= 0.1 * evaluation ? 1 : MaxRefreshEvery;
    }

    /// <summary>Most iterations between two estimates of M.</summary>
    public const int MaxRefreshEvery = 10;

    private readonly double[] _factor;
    private readonly int _p;

    private LbfgsPreconditioner(double[] factor, int p)
    {
        _factor = factor;
        _p = p;
    }

    /// <summary>The rows M is estimated on (the same at every estimate): the objective itself when the sample is every row.</summary>
    public static LogisticObjective SampleOf(LogisticObjective objective)
    {
        var rows = SampleRowsFor(objective.RowCount);
        return rows == objective.RowCount ? objective : objective.EvenlySpacedRows(rows);
    }

    /// <summary>The preconditioner at <paramref name="theta"/> from <paramref name="sample"/> (<see cref="SampleOf"/>), or null when M is not positive definite even after damping.</summary>
    public static LbfgsPreconditioner? At(LogisticObjective objective, LogisticObjective sample, ReadOnlySpan<double> theta)
    {
        var p = objective.ParameterCount;
        var h = new double[p * p];
        sample.Evaluate(theta, new double[p], h, LogisticObjective.Mode.Hessian, penalise: false);
        var scale = (double)objective.RowCount / sample.RowCount;
        var maxDiagonal = 0.0;
        for (var k = 0; k < p * p; k++) h[k] *= scale;
        for (var j = 0; j < objective.FeatureCount; j++) h[j * p + j] += objective.PenaltyStrength;
        for (var k = 0; k < p; k++) maxDiagonal = Math.Max(maxDiagonal, h[k * p + k]);
        // A constant or duplicated column makes M singular: damp it as the Newton solver does.
        var factor = new double[p * p];
        var mu = 0.0;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            h.AsSpan().CopyTo(factor);
            for (var k = 0; k < p; k++) factor[k * p + k] += mu;
            if (Cholesky.TryFactor(factor, p)) return new LbfgsPreconditioner(factor, p);
            mu = mu == 0 ? 1e-10 * Math.Max(1.0, maxDiagonal) : mu * 100;
        }
        return null;
    }

    /// <summary>v = M^-1 v in place.</summary>
    public void Apply(Span<double> v) => Cholesky.Solve(_factor, _p, v);
}

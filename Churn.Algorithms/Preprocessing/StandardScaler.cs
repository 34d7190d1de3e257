namespace Churn.Algorithms.Preprocessing;

/// <summary>
/// Fits a per-column standardisation z = (x - mean) / scale, as scikit-learn's StandardScaler
/// (with_mean=True, with_std=True): mean over rows, scale = population standard deviation
/// (ddof = 0). A column whose variance is indistinguishable from zero (scikit-learn's bound
/// var &lt;= n·eps·var + (n·mean·eps)², Chan, Golub &amp; LeVeque) gets scale 1, so it is centred
/// but never divided by ~0.
/// </summary>
public static class StandardScaler
{
    public static StandardScalerModel Fit(Matrix<double> x)
    {
        Guard.NotEmpty(x, nameof(x));
        Guard.AllFinite(x, nameof(x));
        var n = x.RowCount;
        var d = x.ColumnCount;
        var means = new double[d];
        var squares = new double[d];
        var deviations = new double[d];
        // Four columns per task (on all cores for a large matrix): each column's sums run in row order, as on one thread.
        ColumnMoments.Compute(x, means, squares, deviations, new Linear.RowChunks(n, -1));
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            // Two-pass variance with the compensation term, as scikit-learn's _incremental_mean_and_var.
            var variance = (squares[j] - deviations[j] * deviations[j] / n) / n;
            scales[j] = ScaleFor(n, means[j], variance);
        }
        return new StandardScalerModel(means, scales);
    }

    /// <summary>
    /// The scale of a column of <paramref name="n"/> values with this mean and (population) variance: its SD,
    /// or 1 when the variance is within rounding error of 0 (a constant column), as scikit-learn.
    /// </summary>
    public static double ScaleFor(long n, double mean, double variance)
    {
        const double eps = 2.220446049250313e-16; // 2^-52, numpy finfo(float64).eps
        var upperBound = n * eps * variance + (n * mean * eps) * (n * mean * eps);
        return variance <= upperBound ? 1.0 : Math.Sqrt(variance);
    }
}

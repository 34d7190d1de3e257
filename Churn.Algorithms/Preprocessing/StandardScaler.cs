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
        var storage = x.AsColumnMajorArray() ?? x.ToColumnMajorArray(); // no per-column copies
        var means = new double[d];
        var scales = new double[d];
        // A column per task (on all cores for a large matrix): each column's sums run as on one thread.
        new Linear.RowChunks(n, -1).ForEachColumn(d, j => (means[j], scales[j]) = MeanAndScale(storage.AsSpan(j * n, n)));
        return new StandardScalerModel(means, scales);
    }

    /// <summary>One column's mean and scale.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Mean, double Scale) MeanAndScale(ReadOnlySpan<double> column)
    {
        var n = column.Length;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += column[i];
        var mean = sum / n;

        // Two-pass variance with the compensation term, as scikit-learn's _incremental_mean_and_var.
        var correction = 0.0;
        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var t = column[i] - mean;
            correction += t;
            squares += t * t;
        }
        var variance = (squares - correction * correction / n) / n;
        return (mean, ScaleFor(n, mean, variance));
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

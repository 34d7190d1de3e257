namespace Churn.Experiments.Data;

/// <summary>Quantiles as pandas/numpy compute them by default.</summary>
public static class Quantile
{
    /// <summary>
    /// The q-quantile with linear interpolation (pandas' default): sort the n non-NaN values, position
    /// h = (n - 1) q, result = v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h]).
    /// </summary>
    public static double Linear(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(q >= 0 && q <= 1))
            throw new ArgumentOutOfRangeException(nameof(q), q, "q=" + Churn.Algorithms.Guard.Describe(q) + " must be in [0, 1].");
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No non-missing values to take a quantile of.", nameof(values));
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }
}

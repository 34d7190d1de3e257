namespace Churn.Algorithms.Metrics;

/// <summary>
/// Reliability (calibration) curve as scikit-learn's
/// <c>calibration_curve(y, p, n_bins=bins, strategy="uniform")</c>: edges are numpy's
/// <c>linspace(0, 1, bins + 1)</c> (edge i = i * (1/bins), last edge exactly 1), a prediction goes to the
/// bin given by <c>searchsorted(inner_edges, p, side="left")</c> (so a value equal to an inner edge belongs
/// to the lower bin), and each bin reports the mean prediction and the fraction of positives.
/// Unlike sklearn, empty bins are returned too (Count = 0, NaN means), so the list always has
/// <c>bins</c> entries; sklearn's two arrays are the non-empty bins' FractionPositive and MeanPredicted.
/// </summary>
public static class Calibration
{
    /// <param name="y">Labels 0/1 (one class is allowed).</param>
    /// <param name="p">Predicted probabilities of class 1, in [0, 1].</param>
    /// <param name="bins">Number of equal-width bins, &gt;= 1.</param>
    public static IReadOnlyList<CalibrationBin> Reliability(Vector<double> y, Vector<double> p, int bins = 10)
    {
        Guard.LabelsAndScores(y, nameof(y), p, nameof(p), probabilities: true);
        Guard.AtLeast(bins, 1, nameof(bins));

        var edges = new double[bins + 1];
        var step = 1.0 / bins;
        for (var i = 0; i < bins; i++)
            edges[i] = i * step;
        edges[bins] = 1.0;

        var sums = new double[bins];
        var positives = new double[bins];
        var counts = new int[bins];
        for (var i = 0; i < y.Count; i++)
        {
            var value = p[i];
            // Number of inner edges (edges[1..bins-1]) strictly below value, by binary search.
            int low = 0, high = bins - 1;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (edges[mid + 1] < value) low = mid + 1;
                else high = mid;
            }
            sums[low] += value;
            positives[low] += y[i];
            counts[low]++;
        }

        var result = new CalibrationBin[bins];
        for (var b = 0; b < bins; b++)
        {
            var c = counts[b];
            result[b] = new CalibrationBin(edges[b], edges[b + 1], c,
                c == 0 ? double.NaN : sums[b] / c,
                c == 0 ? double.NaN : positives[b] / c);
        }
        return Array.AsReadOnly(result);
    }
}

namespace Churn.Algorithms.Metrics;

/// <summary>
/// Mean silhouette coefficient with Euclidean distance, as scikit-learn's silhouette_score:
/// for row i, a = mean distance to the other rows of its cluster, b = smallest mean distance to
/// the rows of another cluster, s = (b − a) / max(a, b), and s = 0 for a row alone in its cluster.
/// Needs 2 &lt;= number of distinct labels &lt;= n − 1. O(n²) time: use a sample for large n.
/// </summary>
public static class Silhouette
{
    public static double Score(Matrix<double> x, IReadOnlyList<int> labels)
    {
        Guard.NotEmpty(x, nameof(x));
        Guard.AllFinite(x, nameof(x));
        Guard.NotNull(labels, nameof(labels));
        Guard.SameLength(x.RowCount, nameof(x), labels.Count, nameof(labels));
        var n = x.RowCount;
        var d = x.ColumnCount;

        var map = new Dictionary<int, int>();
        var ids = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!map.TryGetValue(labels[i], out var id))
            {
                id = map.Count;
                map[labels[i]] = id;
            }
            ids[i] = id;
        }
        var k = map.Count;
        if (k < 2 || k > n - 1)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "Number of labels is {0}. Valid values are 2 to n_samples - 1 = {1} (inclusive).", k, n - 1), nameof(labels));

        var sizes = new int[k];
        foreach (var id in ids) sizes[id]++;
        var rows = x.ToRowMajorArray();
        var s = new double[n];
        // Each row's value depends only on the inputs, so the parallel loop is deterministic; the mean is summed in row order.
        Parallel.For(0, n, () => new double[k], (i, _, distanceSums) =>
        {
            Array.Clear(distanceSums);
            var row = rows.AsSpan(i * d, d);
            for (var m = 0; m < n; m++)
            {
                var other = rows.AsSpan(m * d, d);
                var sq = 0.0;
                for (var f = 0; f < d; f++)
                {
                    var t = row[f] - other[f];
                    sq += t * t;
                }
                distanceSums[ids[m]] += Math.Sqrt(sq);
            }
            var own = ids[i];
            if (sizes[own] == 1)
            {
                s[i] = 0.0;
                return distanceSums;
            }
            var a = distanceSums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
                if (c != own) b = Math.Min(b, distanceSums[c] / sizes[c]);
            var denominator = Math.Max(a, b);
            s[i] = denominator > 0 ? (b - a) / denominator : 0.0;
            return distanceSums;
        }, _ => { });

        var total = 0.0;
        for (var i = 0; i < n; i++) total += s[i];
        return total / n;
    }
}

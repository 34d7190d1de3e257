namespace Churn.Algorithms.Metrics;

/// <summary>
/// Adjusted Rand index (Hubert &amp; Arabie 1985) of two labelings, computed from the pair confusion
/// matrix exactly as scikit-learn's adjusted_rand_score: with pair counts tn, fp, fn, tp,
/// ARI = 2 (tp·tn − fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)), and 1.0 when fn = fp = 0
/// (identical partitions, including the degenerate cases). Label values are arbitrary integers.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Compute(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        Guard.SameLength(a, nameof(a), b, nameof(b));
        var n = a.Count;

        var aIds = Relabel(a, out var ka);
        var bIds = Relabel(b, out var kb);
        var contingency = new Dictionary<long, long>();
        var rowSums = new long[ka];
        var columnSums = new long[kb];
        for (var i = 0; i < n; i++)
        {
            var key = (long)aIds[i] * kb + bIds[i];
            contingency[key] = contingency.GetValueOrDefault(key) + 1;
            rowSums[aIds[i]]++;
            columnSums[bIds[i]]++;
        }

        // Int128: with n = 1e5, products like tp·tn reach 1e20 and overflow long.
        Int128 sumSquares = 0;
        foreach (var count in contingency.Values) sumSquares += (Int128)count * count;
        Int128 rowSquares = 0, columnSquares = 0;
        foreach (var s in rowSums) rowSquares += (Int128)s * s;
        foreach (var s in columnSums) columnSquares += (Int128)s * s;

        Int128 nn = n;
        var tp = sumSquares - nn;
        var fp = rowSquares - sumSquares;     // same cluster in a, different in b
        var fn = columnSquares - sumSquares;  // different in a, same in b
        var tn = nn * nn - fp - fn - sumSquares;
        if (fn == 0 && fp == 0)
            return 1.0;
        var numerator = 2 * (tp * tn - fn * fp);
        var denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
        return (double)numerator / (double)denominator;
    }

    private static int[] Relabel(IReadOnlyList<int> labels, out int count)
    {
        var map = new Dictionary<int, int>();
        var ids = new int[labels.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var id))
            {
                id = map.Count;
                map[labels[i]] = id;
            }
            ids[i] = id;
        }
        count = map.Count;
        return ids;
    }
}

namespace Churn.Algorithms.Metrics;

/// <summary>
/// Cumulative gains and lift by score groups (deciles by default). Rows are sorted by score descending
/// with a stable sort (equal scores keep their input order), then cut into <c>groups</c> consecutive
/// groups where group g (0-based) holds sorted positions [floor(g n / G), floor((g + 1) n / G)), so sizes
/// differ by at most one. Equal scores may therefore straddle a group boundary; they are not pooled.
/// </summary>
public static class GainsTable
{
    /// <param name="y">Labels 0/1 with at least one positive (lift divides by the overall rate).</param>
    /// <param name="scores">Finite scores, higher means more likely positive.</param>
    /// <param name="groups">Number of groups, between 1 and the number of rows.</param>
    public static IReadOnlyList<GainsRow> Compute(Vector<double> y, Vector<double> scores, int groups = 10)
    {
        Guard.LabelsAndScores(y, nameof(y), scores, nameof(scores));
        Guard.AtLeast(groups, 1, nameof(groups));
        var n = y.Count;
        if (groups > n)
            throw new ArgumentOutOfRangeException(nameof(groups), groups,
                FormattableString.Invariant($"groups={groups} must be <= the number of rows ({n})."));
        var totalPositives = 0;
        for (var i = 0; i < n; i++)
            if (y[i] == 1.0) totalPositives++;
        if (totalPositives == 0)
            throw new ArgumentException("A gains table is not defined when y holds no positive.", nameof(y));

        // Stable descending order: sort by score descending, then by original index.
        var order = Enumerable.Range(0, n).ToArray();
        var s = scores.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = s[b].CompareTo(s[a]);
            return c != 0 ? c : a.CompareTo(b);
        });

        var overallRate = totalPositives / (double)n;
        var rows = new GainsRow[groups];
        int cumulativeCustomers = 0, cumulativePositives = 0;
        for (var g = 0; g < groups; g++)
        {
            var start = (int)((long)g * n / groups);
            var end = (int)((long)(g + 1) * n / groups);
            var positives = 0;
            for (var k = start; k < end; k++)
                if (y[order[k]] == 1.0) positives++;
            var customers = end - start;
            cumulativeCustomers += customers;
            cumulativePositives += positives;
            var cumulativeRate = cumulativePositives / (double)cumulativeCustomers;
            rows[g] = new GainsRow(
                g + 1,
                customers,
                positives,
                cumulativeCustomers / (double)n,
                cumulativePositives / (double)totalPositives,
                positives / (double)customers / overallRate,
                cumulativeRate / overallRate,
                s[order[end - 1]],
                s[order[start]]);
        }
        return Array.AsReadOnly(rows);
    }
}

namespace Churn.Algorithms.Metrics;

/// <summary>
/// Receiver operating characteristic as scikit-learn's <c>roc_curve</c>: one point per distinct score
/// (ties collapse into one point), ordered by decreasing threshold; a point (fpr, tpr) at threshold t
/// counts rows with score &gt;= t. A first point (0, 0) is prepended with threshold +infinity
/// (sklearn 1.2 uses max score + 1 there; only that value differs). The last point is (1, 1).
/// -0.0 and +0.0 are the same score and reported as +0.0.
/// </summary>
public sealed record RocCurve(
    IReadOnlyList<double> FalsePositiveRates,
    IReadOnlyList<double> TruePositiveRates,
    IReadOnlyList<double> Thresholds)
{
    /// <param name="yTrue">Labels 0/1 with both classes present.</param>
    /// <param name="scores">Finite scores, higher means more likely positive.</param>
    /// <param name="dropIntermediate">false (default here): keep every distinct threshold, as
    /// <c>roc_curve(drop_intermediate=False)</c>. true: drop points collinear with both neighbours
    /// horizontally or vertically, exactly as sklearn's default (<c>np.diff(fps, 2)</c> or
    /// <c>np.diff(tps, 2)</c> non-zero), which does not change the area.</param>
    public static RocCurve Compute(Vector<double> yTrue, Vector<double> scores, bool dropIntermediate = false)
    {
        var ranked = RankedScores.Create(yTrue, scores, "ROC curve");
        var (thresholds, tps, fps) = ranked.DescendingGroups();
        var keep = Enumerable.Range(0, thresholds.Length);
        if (dropIntermediate && thresholds.Length > 2)
            keep = keep.Where(k => k == 0 || k == thresholds.Length - 1
                || fps[k + 1] - 2 * fps[k] + fps[k - 1] != 0
                || tps[k + 1] - 2 * tps[k] + tps[k - 1] != 0);
        var kept = keep.ToArray();

        double positives = ranked.Positives.Length, negatives = ranked.Negatives.Length;
        var fpr = new double[kept.Length + 1];
        var tpr = new double[kept.Length + 1];
        var th = new double[kept.Length + 1];
        th[0] = double.PositiveInfinity;
        for (var k = 0; k < kept.Length; k++)
        {
            fpr[k + 1] = fps[kept[k]] / negatives;
            tpr[k + 1] = tps[kept[k]] / positives;
            th[k + 1] = thresholds[kept[k]];
        }
        return new RocCurve(Array.AsReadOnly(fpr), Array.AsReadOnly(tpr), Array.AsReadOnly(th));
    }

    /// <summary>Trapezoid area under the points, summed left to right (as <c>np.trapz(tpr, fpr)</c>).</summary>
    public double Area()
    {
        var area = 0.0;
        for (var k = 1; k < FalsePositiveRates.Count; k++)
            area += (FalsePositiveRates[k] - FalsePositiveRates[k - 1])
                * (TruePositiveRates[k] + TruePositiveRates[k - 1]) / 2.0;
        return area;
    }
}

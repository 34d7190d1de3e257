namespace Churn.Algorithms.Metrics;

/// <summary>
/// Precision-recall pairs as scikit-learn 1.2's <c>precision_recall_curve</c>: one entry per distinct
/// score with thresholds in increasing order; at threshold t, precision = TP/(TP+FP) and recall = TP/P
/// over rows with score &gt;= t. A final point (precision 1, recall 0) without threshold is appended, so
/// <see cref="Precisions"/> and <see cref="Recalls"/> have one entry more than <see cref="Thresholds"/>.
/// </summary>
public sealed record PrecisionRecallCurve(
    IReadOnlyList<double> Precisions,
    IReadOnlyList<double> Recalls,
    IReadOnlyList<double> Thresholds)
{
    /// <exception cref="ArgumentException">Invalid input or only one class in <paramref name="yTrue"/>.</exception>
    public static PrecisionRecallCurve Compute(Vector<double> yTrue, Vector<double> scores)
    {
        var ranked = RankedScores.Create(yTrue, scores, "Precision-recall curve");
        return FromRanked(ranked);
    }

    internal static PrecisionRecallCurve FromRanked(RankedScores ranked)
    {
        var (thresholds, tps, fps) = ranked.DescendingGroups();
        var m = thresholds.Length;
        double positives = ranked.Positives.Length;
        var precision = new double[m + 1];
        var recall = new double[m + 1];
        var th = new double[m];
        for (var k = 0; k < m; k++)
        {
            // Reversed so that thresholds increase and recall decreases, as sklearn returns them.
            var r = m - 1 - k;
            precision[r] = tps[k] / (double)(tps[k] + fps[k]);
            recall[r] = tps[k] / positives;
            th[r] = thresholds[k];
        }
        precision[m] = 1.0;
        recall[m] = 0.0;
        return new PrecisionRecallCurve(Array.AsReadOnly(precision), Array.AsReadOnly(recall), Array.AsReadOnly(th));
    }
}

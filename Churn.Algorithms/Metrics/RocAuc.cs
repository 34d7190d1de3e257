namespace Churn.Algorithms.Metrics;

/// <summary>
/// Area under the ROC curve, equal to scikit-learn's <c>roc_auc_score</c> for binary labels:
/// the trapezoid area under the curve of <see cref="RocCurve"/>, so tied scores earn half credit.
/// Computed without building the curve: the scores of each class are radix-sorted and merged, and
/// AUC = (2 x #{pos &gt; neg} + #{pos = neg}) / (2 x P x N) counted exactly in integers, then divided once
/// (sklearn's np.trapz on rounded rates agrees to ~1e-15).
/// </summary>
public static class RocAuc
{
    /// <exception cref="ArgumentException">Lengths differ, a label is not 0/1, a score is not finite,
    /// or <paramref name="yTrue"/> holds one class only (AUC undefined).</exception>
    public static double Compute(Vector<double> yTrue, Vector<double> scores)
    {
        var ranked = RankedScores.Create(yTrue, scores, "ROC AUC");
        return FromRanked(ranked);
    }

    internal static double FromRanked(RankedScores ranked)
    {
        var pairs = 2.0 * ranked.Positives.Length * (double)ranked.Negatives.Length;
        return ranked.TwiceConcordantPairs() / pairs;
    }
}

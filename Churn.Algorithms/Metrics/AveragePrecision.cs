namespace Churn.Algorithms.Metrics;

/// <summary>
/// Average precision as scikit-learn's <c>average_precision_score</c>: the step-wise (not interpolated)
/// sum AP = sum_n (R_n - R_{n-1}) P_n over the thresholds of <see cref="PrecisionRecallCurve"/>,
/// where tied scores form one threshold.
/// </summary>
public static class AveragePrecision
{
    /// <exception cref="ArgumentException">Invalid input or only one class in <paramref name="yTrue"/>.</exception>
    public static double Compute(Vector<double> yTrue, Vector<double> scores)
    {
        var curve = PrecisionRecallCurve.Compute(yTrue, scores);
        // Same arithmetic as -np.sum(np.diff(recall) * precision[:-1]).
        var sum = 0.0;
        for (var k = 0; k + 1 < curve.Recalls.Count; k++)
            sum += (curve.Recalls[k + 1] - curve.Recalls[k]) * curve.Precisions[k];
        return -sum;
    }
}

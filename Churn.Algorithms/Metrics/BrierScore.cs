namespace Churn.Algorithms.Metrics;

/// <summary>Brier score as scikit-learn's <c>brier_score_loss</c>: mean((y_i - p_i)^2).</summary>
public static class BrierScore
{
    /// <param name="y">Labels 0/1.</param>
    /// <param name="p">Predicted probabilities of class 1, in [0, 1].</param>
    public static double Compute(Vector<double> y, Vector<double> p)
    {
        Guard.LabelsAndScores(y, nameof(y), p, nameof(p), probabilities: true);
        var sum = 0.0;
        var (labels, probabilities) = (y.AsArray() ?? y.ToArray(), p.AsArray() ?? p.ToArray()); // no indexer call per row
        for (var i = 0; i < labels.Length; i++)
        {
            var d = labels[i] - probabilities[i];
            sum += d * d;
        }
        return sum / y.Count;
    }
}

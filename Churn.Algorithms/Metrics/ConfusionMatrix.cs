namespace Churn.Algorithms.Metrics;

/// <summary>
/// Binary confusion counts at a probability threshold: a row is predicted positive when p &gt;= threshold.
/// Rates follow scikit-learn with zero_division=0: a ratio whose denominator is 0 is reported as 0.
/// </summary>
public sealed record ConfusionMatrix(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public int Count => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>(TP + TN) / n.</summary>
    public double Accuracy => Count == 0 ? 0.0 : (TruePositives + TrueNegatives) / (double)Count;

    /// <summary>TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 0 when there are no positives.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>2 P R / (P + R); 0 when P + R = 0.</summary>
    public double F1
    {
        get
        {
            var p = Precision;
            var r = Recall;
            return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
        }
    }

    /// <param name="yTrue">Labels 0/1.</param>
    /// <param name="probabilities">Finite scores (usually probabilities) compared with the threshold.</param>
    /// <param name="threshold">Predicted positive when the score is &gt;= this value.</param>
    public static ConfusionMatrix Compute(Vector<double> yTrue, Vector<double> probabilities, double threshold = 0.5)
    {
        Guard.LabelsAndScores(yTrue, nameof(yTrue), probabilities, nameof(probabilities));
        if (double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold=NaN must be a number.");

        int tp = 0, fp = 0, tn = 0, fn = 0;
        var (y, p) = (yTrue.AsArray() ?? yTrue.ToArray(), probabilities.AsArray() ?? probabilities.ToArray()); // no indexer call per row
        for (var i = 0; i < y.Length; i++)
        {
            var predictedPositive = p[i] >= threshold;
            if (y[i] == 1.0)
            {
                if (predictedPositive) tp++; else fn++;
            }
            else if (predictedPositive) fp++;
            else tn++;
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? 0.0 : numerator / (double)denominator;
}

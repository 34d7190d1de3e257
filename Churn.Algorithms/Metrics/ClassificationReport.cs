namespace Churn.Algorithms.Metrics;

/// <summary>
/// The usual binary-classification summary of probabilities against labels: ROC AUC
/// (<see cref="RocAuc"/>), threshold metrics from <see cref="ConfusionMatrix"/> (positive when
/// p &gt;= Threshold), <see cref="Metrics.LogLoss"/> (eps 1e-15) and <see cref="BrierScore"/>.
/// Both classes must be present (AUC is undefined otherwise).
/// </summary>
public sealed record ClassificationReport(
    int Count,
    int Positives,
    double Auc,
    double Accuracy,
    double Precision,
    double Recall,
    double F1,
    double LogLoss,
    double Brier,
    double Threshold,
    ConfusionMatrix Confusion)
{
    public static ClassificationReport Compute(Vector<double> yTrue, Vector<double> probabilities, double threshold = 0.5)
    {
        var confusion = ConfusionMatrix.Compute(yTrue, probabilities, threshold);
        var auc = RocAuc.Compute(yTrue, probabilities);
        var logLoss = Metrics.LogLoss.Compute(yTrue, probabilities);
        var brier = BrierScore.Compute(yTrue, probabilities);
        return new ClassificationReport(
            confusion.Count,
            confusion.TruePositives + confusion.FalseNegatives,
            auc,
            confusion.Accuracy,
            confusion.Precision,
            confusion.Recall,
            confusion.F1,
            logLoss,
            brier,
            threshold,
            confusion);
    }
}
